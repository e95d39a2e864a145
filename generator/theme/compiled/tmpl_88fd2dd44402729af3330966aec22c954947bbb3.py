from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'search.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'search.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_t = resolve('t')
    l_0_url = resolve('url')
    l_0_links = resolve('links')
    try:
        t_1 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<h1 class="page-title">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_title'))
    yield '</h1>\n<div id="search" class="search" data-index="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/search-index/', _block_vars=_block_vars))
    yield '">\n  <form class="search-form" role="search" action="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search'))
    yield '" method="get" aria-label="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_form_label'))
    yield '">\n    <label class="visually-hidden" for="search-q">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_query_label'))
    yield '</label>\n    <input id="search-q" type="search" name="q" placeholder="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_page_placeholder'))
    yield '" autocomplete="off" enterkeyhint="search">\n    <button type="submit">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_button'))
    yield '</button>\n  </form>\n  <p class="search-status" id="search-status" role="status" aria-live="polite"></p>\n  <ol class="search-results" id="search-results" aria-label="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_results_label'))
    yield '"></ol>\n  <noscript><p>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_needs_js'))
    yield ' <a href="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'tags'))
    yield '">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_tags'))
    yield '</a>'
    if (t_1(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives')) and environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives')):
        pass
        yield ' · <a href="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives'))
        yield '">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_archives'))
        yield '</a>'
    yield '</p></noscript>\n</div>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&3=35&4=37&5=39&6=43&7=45&8=47&11=49&12=51'