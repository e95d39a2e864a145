from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '404.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', '404.html')
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
    l_0_links = resolve('links')
    l_0_recent = resolve('recent')
    try:
        t_1 = environment.filters['isodate']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'isodate' found.")
    try:
        t_2 = environment.filters['longdate']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'longdate' found.")
    try:
        t_3 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    pass
    yield '<h1 class="page-title">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_found_title'))
    yield '</h1>\n<p>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_found_text'))
    yield '</p>\n'
    if environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search'):
        pass
        yield '<form class="search-form" role="search" action="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search'))
        yield '" method="get" aria-label="'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_form_label'))
        yield '">\n  <label class="visually-hidden" for="not-found-q">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_query_label'))
        yield '</label>\n  <input id="not-found-q" type="search" name="q" placeholder="'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_page_placeholder'))
        yield '" autocomplete="off" enterkeyhint="search">\n  <button type="submit">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_button'))
        yield '</button>\n</form>\n'
    if (t_3((undefined(name='recent') if l_0_recent is missing else l_0_recent)) and (undefined(name='recent') if l_0_recent is missing else l_0_recent)):
        pass
        yield '<h2 class="recent-title">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'recent_posts'))
        yield '</h2>\n<ul class="recent-posts">\n'
        for l_1_post in (undefined(name='recent') if l_0_recent is missing else l_0_recent):
            _loop_vars = {}
            pass
            yield '  <li><a href="'
            yield escape(environment.getattr(l_1_post, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_post, 'title'))
            yield '</a> <time datetime="'
            yield escape(t_1(environment.getattr(l_1_post, 'date')))
            yield '">'
            yield escape(t_2(environment.getattr(l_1_post, 'date')))
            yield '</time></li>\n'
        l_1_post = missing
        yield '</ul>\n'
    yield '<p>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_found_try'))
    yield ' <a href="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'home'))
    yield '">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'not_found_home'))
    yield '</a>'
    if (t_3(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives')) and environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives')):
        pass
        yield ' · <a href="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives'))
        yield '">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_archives'))
        yield '</a>'
    yield ' · <a href="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'tags'))
    yield '">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_tags'))
    yield '</a></p>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&3=47&4=49&5=51&6=54&7=58&8=60&9=62&12=64&13=67&15=69&16=73&20=84'