from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'tags.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'tags.html')
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
    l_0_tags = resolve('tags')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<h1 class="page-title">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'tags_title'))
    yield ' <small>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'item_count'), 'format'), n=t_1((undefined(name='tags') if l_0_tags is missing else l_0_tags)), _block_vars=_block_vars))
    yield '</small></h1>\n<ul class="tag-cloud">\n'
    for l_1_tag in (undefined(name='tags') if l_0_tags is missing else l_0_tags):
        _loop_vars = {}
        pass
        yield '  <li><a href="'
        yield escape(environment.getattr(l_1_tag, 'url'))
        yield '">'
        yield escape(environment.getattr(l_1_tag, 'name'))
        yield '<span class="count">'
        yield escape(environment.getattr(l_1_tag, 'count'))
        yield '<span class="visually-hidden"> '
        yield escape(context.call(environment.getattr(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'post_count'), 'format'), n='', _loop_vars=_loop_vars), 'strip'), _loop_vars=_loop_vars))
        yield '</span></span></a></li>\n'
    l_1_tag = missing
    yield '</ul>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&3=34&5=38&6=42'