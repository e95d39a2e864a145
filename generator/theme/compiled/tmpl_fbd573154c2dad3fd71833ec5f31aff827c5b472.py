from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'archives.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'archives.html')
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
    l_0_years = resolve('years')
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
        t_3 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_4 = environment.filters['shortdate']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'shortdate' found.")
    try:
        t_5 = environment.filters['sum']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'sum' found.")
    pass
    yield '<h1 class="page-title">'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield ' <small>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'post_count'), 'format'), n=t_5(environment, t_3(context, t_3(context, (undefined(name='years') if l_0_years is missing else l_0_years), attribute=1), 'length')), _block_vars=_block_vars))
    yield '</small></h1>\n'
    t_6 = 1
    for (l_1_year, l_1_posts) in (undefined(name='years') if l_0_years is missing else l_0_years):
        _loop_vars = {}
        pass
        yield '<section aria-labelledby="year-'
        yield escape(l_1_year)
        yield '">\n  <h2 class="archive-year" id="year-'
        yield escape(l_1_year)
        yield '">'
        yield escape(l_1_year)
        yield '<small>'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'post_count'), 'format'), n=t_2(l_1_posts), _loop_vars=_loop_vars))
        yield '</small></h2>\n  <ol class="archive-list">\n'
        for l_2_post in l_1_posts:
            _loop_vars = {}
            pass
            yield '    <li><time datetime="'
            yield escape(t_1(environment.getattr(l_2_post, 'date')))
            yield '">'
            yield escape(t_4(environment.getattr(l_2_post, 'date')))
            yield '</time><a href="'
            yield escape(environment.getattr(l_2_post, 'url'))
            yield '">'
            yield escape(environment.getattr(l_2_post, 'title'))
            yield '</a></li>\n'
        l_2_post = missing
        yield '  </ol>\n</section>\n'
        t_6 = 0
    l_1_year = l_1_posts = missing
    if t_6:
        pass
        yield '<p class="empty">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'no_posts_short'))
        yield '</p>\n'

blocks = {'content': block_content}
debug_info = '1=12&3=17&4=59&5=64&6=68&7=70&9=76&10=80&15=95'