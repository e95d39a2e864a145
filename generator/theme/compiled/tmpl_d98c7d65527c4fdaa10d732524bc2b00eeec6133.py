from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'series_index.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'series_index.html')
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
    l_0_page = resolve('page')
    l_0_t = resolve('t')
    l_0_all_series = resolve('all_series')
    try:
        t_1 = environment.filters['isodate']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'isodate' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['longdate']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'longdate' found.")
    pass
    yield '<h1 class="page-title">'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield ' <small>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'item_count'), 'format'), n=t_2((undefined(name='all_series') if l_0_all_series is missing else l_0_all_series)), _block_vars=_block_vars))
    yield '</small></h1>\n'
    l_1_loop = missing
    for l_1_series, l_1_loop in LoopContext((undefined(name='all_series') if l_0_all_series is missing else l_0_all_series), undefined):
        _loop_vars = {}
        pass
        yield '<section class="series-summary" aria-labelledby="series-'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '">\n  <h2 id="series-'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield '"><a href="'
        yield escape(environment.getattr(l_1_series, 'url'))
        yield '">'
        yield escape(environment.getattr(l_1_series, 'name'))
        yield '</a> <small>'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'post_count'), 'format'), n=environment.getattr(l_1_series, 'count'), _loop_vars=_loop_vars))
        yield '</small></h2>\n  <ol>\n'
        for l_2_post in environment.getattr(l_1_series, 'posts'):
            _loop_vars = {}
            pass
            yield '    <li><a href="'
            yield escape(environment.getattr(l_2_post, 'url'))
            yield '">'
            yield escape(environment.getattr(l_2_post, 'title'))
            yield '</a> <time datetime="'
            yield escape(t_1(environment.getattr(l_2_post, 'date')))
            yield '">'
            yield escape(t_3(environment.getattr(l_2_post, 'date')))
            yield '</time></li>\n'
        l_2_post = missing
        yield '  </ol>\n</section>\n'
    l_1_loop = l_1_series = missing

blocks = {'content': block_content}
debug_info = '1=12&3=17&4=47&5=52&6=56&7=58&9=66&10=70'