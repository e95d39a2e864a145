from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'tag.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_post_entry = l_0_pager_nav = missing
    pass
    parent_template = environment.get_template('base.html', 'tag.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_macros.html', 'tag.html')._get_default_module(context)
    l_0_post_entry = getattr(included_template, 'post_entry', missing)
    if l_0_post_entry is missing:
        l_0_post_entry = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'tag.html') does not export the requested name 'post_entry'", name='post_entry')
    l_0_pager_nav = getattr(included_template, 'pager_nav', missing)
    if l_0_pager_nav is missing:
        l_0_pager_nav = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'tag.html') does not export the requested name 'pager_nav'", name='pager_nav')
    context.vars.update({'post_entry': l_0_post_entry, 'pager_nav': l_0_pager_nav})
    context.exported_vars.difference_update(('post_entry', 'pager_nav'))
    yield from parent_template.root_render_func(context)

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0_tag = resolve('tag')
    l_0_url = resolve('url')
    pass
    yield '<link rel="alternate" type="application/atom+xml" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield ' · '
    yield escape(environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'name'))
    yield '" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), markup_join((environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'path'), 'atom.xml', )), _block_vars=_block_vars))
    yield '">\n'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_t = resolve('t')
    l_0_tag = resolve('tag')
    l_0_pager = resolve('pager')
    l_0_posts = resolve('posts')
    l_0_pager_nav = resolve('pager_nav')
    l_0_links = resolve('links')
    pass
    yield '<h1 class="page-title">'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'tag_title'), 'format'), name=environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'name'), _block_vars=_block_vars))
    yield ' <small>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'post_count'), 'format'), n=environment.getattr((undefined(name='tag') if l_0_tag is missing else l_0_tag), 'count'), _block_vars=_block_vars))
    if (environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'total') > 1):
        pass
        yield ' · '
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'page_n_of'), 'format'), n=environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'number'), total=environment.getattr((undefined(name='pager') if l_0_pager is missing else l_0_pager), 'total'), _block_vars=_block_vars))
    yield '</small></h1>\n'
    for l_1_post in (undefined(name='posts') if l_0_posts is missing else l_0_posts):
        l_1_once = resolve('once')
        l_1_post_entry = resolve('post_entry')
        _loop_vars = {}
        pass
        yield escape(context.call((undefined(name='once') if l_1_once is missing else l_1_once), (undefined(name='post_entry') if l_1_post_entry is missing else l_1_post_entry), l_1_post, _loop_vars=_loop_vars))
        yield '\n'
    l_1_post = l_1_once = l_1_post_entry = missing
    yield escape(context.call((undefined(name='pager_nav') if l_0_pager_nav is missing else l_0_pager_nav), (undefined(name='pager') if l_0_pager is missing else l_0_pager), _block_vars=_block_vars))
    yield '\n<p class="back"><a href="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'tags'))
    yield '">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'all_tags_link'))
    yield '</a></p>\n'

blocks = {'head': block_head, 'content': block_content}
debug_info = '1=13&2=16&3=27&4=39&6=46&7=61&8=69&9=74&11=77&12=79'