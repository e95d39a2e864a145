from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'categories.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    pass
    parent_template = environment.get_template('base.html', 'categories.html')
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
    l_0_category_count = resolve('category_count')
    l_0_categories = resolve('categories')
    l_0_branch = missing
    pass
    yield '<h1 class="page-title">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'categories_title'))
    yield ' <small>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'item_count'), 'format'), n=(undefined(name='category_count') if l_0_category_count is missing else l_0_category_count), _block_vars=_block_vars))
    yield '</small></h1>\n'
    def macro(l_1_nodes):
        t_1 = []
        if l_1_nodes is missing:
            l_1_nodes = undefined("parameter 'nodes' was not provided", name='nodes')
        pass
        t_1.append(
            '<ul>\n',
        )
        for l_2_node in l_1_nodes:
            _loop_vars = {}
            pass
            t_1.extend((
                '  <li><a href="',
                escape(environment.getattr(l_2_node, 'url')),
                '">',
                escape(environment.getattr(l_2_node, 'name')),
                '<span class="count">',
                escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'post_count'), 'format'), n=environment.getattr(l_2_node, 'count'), _loop_vars=_loop_vars)),
                '</span></a>\n',
            ))
            if environment.getattr(l_2_node, 'children'):
                pass
                t_1.append(
                    escape(context.call((undefined(name='branch') if l_0_branch is missing else l_0_branch), environment.getattr(l_2_node, 'children'), _loop_vars=_loop_vars)),
                )
            t_1.append(
                '  </li>\n',
            )
        l_2_node = missing
        t_1.append(
            '</ul>\n',
        )
        return concat(t_1)
    l_0_branch = Macro(environment, macro, 'branch', ('nodes',), False, False, False, context.eval_ctx.autoescape)
    yield '<div class="category-tree">\n'
    yield escape(context.call((undefined(name='branch') if l_0_branch is missing else l_0_branch), (undefined(name='categories') if l_0_categories is missing else l_0_categories), _block_vars=_block_vars))
    yield '\n</div>\n'

blocks = {'content': block_content}
debug_info = '1=12&2=17&3=30&4=34&6=42&7=47&8=54&14=69'