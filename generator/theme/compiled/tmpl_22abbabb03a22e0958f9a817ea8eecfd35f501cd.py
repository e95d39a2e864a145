from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'series.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_post_entry = missing
    pass
    parent_template = environment.get_template('base.html', 'series.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_macros.html', 'series.html')._get_default_module(context)
    l_0_post_entry = getattr(included_template, 'post_entry', missing)
    if l_0_post_entry is missing:
        l_0_post_entry = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'series.html') does not export the requested name 'post_entry'", name='post_entry')
    context.vars['post_entry'] = l_0_post_entry
    context.exported_vars.discard('post_entry')
    yield from parent_template.root_render_func(context)

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_t = resolve('t')
    l_0_series = resolve('series')
    l_0_links = resolve('links')
    pass
    yield '<h1 class="page-title">'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'series_title'), 'format'), name=environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'name'), _block_vars=_block_vars))
    yield ' <small>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'post_count'), 'format'), n=environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'count'), _block_vars=_block_vars))
    yield '</small></h1>\n<ol class="series-parts">\n'
    for l_1_post in environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'posts'):
        l_1_once = resolve('once')
        l_1_post_entry = resolve('post_entry')
        _loop_vars = {}
        pass
        yield '  <li>'
        yield escape(context.call((undefined(name='once') if l_1_once is missing else l_1_once), (undefined(name='post_entry') if l_1_post_entry is missing else l_1_post_entry), l_1_post, _loop_vars=_loop_vars))
        yield '</li>\n'
    l_1_post = l_1_once = l_1_post_entry = missing
    yield '</ol>\n<p class="back"><a href="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'series'))
    yield '">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'all_series_link'))
    yield '</a></p>\n'

blocks = {'content': block_content}
debug_info = '1=13&2=16&4=24&5=36&7=40&8=46&11=50'