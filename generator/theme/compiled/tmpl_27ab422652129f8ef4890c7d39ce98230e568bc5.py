from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'post.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_tag_list = l_0_category_trail = missing
    pass
    parent_template = environment.get_template('base.html', 'post.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('_macros.html', 'post.html')._get_default_module(context)
    l_0_tag_list = getattr(included_template, 'tag_list', missing)
    if l_0_tag_list is missing:
        l_0_tag_list = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'post.html') does not export the requested name 'tag_list'", name='tag_list')
    l_0_category_trail = getattr(included_template, 'category_trail', missing)
    if l_0_category_trail is missing:
        l_0_category_trail = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'post.html') does not export the requested name 'category_trail'", name='category_trail')
    context.vars.update({'tag_list': l_0_tag_list, 'category_trail': l_0_category_trail})
    context.exported_vars.difference_update(('tag_list', 'category_trail'))
    yield from parent_template.root_render_func(context)

def block_description(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_post = resolve('post')
    pass
    yield escape((environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'summary') or environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'excerpt_text')))

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_post = resolve('post')
    l_0_abs_url = resolve('abs_url')
    l_0_site = resolve('site')
    l_0_cover = missing
    try:
        t_1 = environment.filters['isodate']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'isodate' found.")
    try:
        t_2 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    pass
    yield '<meta property="og:type" content="article">\n<meta property="og:title" content="'
    yield escape(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'title'))
    yield '">\n<meta property="og:description" content="'
    yield escape((environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'summary') or environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'excerpt_text')))
    yield '">\n<meta property="og:url" content="'
    yield escape(context.call((undefined(name='abs_url') if l_0_abs_url is missing else l_0_abs_url), environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'path'), _block_vars=_block_vars))
    yield '">\n<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '">\n<meta property="og:locale" content="'
    yield escape(t_2(context.eval_ctx, environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language'), '-', '_'))
    yield '">\n<meta property="article:published_time" content="'
    yield escape(t_1(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'date')))
    yield '">\n'
    if environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'updated'):
        pass
        yield '<meta property="article:modified_time" content="'
        yield escape(t_1(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'updated')))
        yield '">\n'
    for l_1_tag in environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'tags'):
        _loop_vars = {}
        pass
        yield '<meta property="article:tag" content="'
        yield escape(environment.getattr(l_1_tag, 'name'))
        yield '">\n'
    l_1_tag = missing
    l_0_cover = environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'cover')
    _block_vars['cover'] = l_0_cover
    if (undefined(name='cover') if l_0_cover is missing else l_0_cover):
        pass
        yield '<meta property="og:image" content="'
        yield escape(context.call((undefined(name='abs_url') if l_0_abs_url is missing else l_0_abs_url), (undefined(name='cover') if l_0_cover is missing else l_0_cover), _block_vars=_block_vars))
        yield '">\n'
    yield '<meta name="twitter:card" content="'
    yield escape(('summary_large_image' if (undefined(name='cover') if l_0_cover is missing else l_0_cover) else 'summary'))
    yield '">\n<meta name="twitter:title" content="'
    yield escape(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'title'))
    yield '">\n<meta name="twitter:description" content="'
    yield escape((environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'summary') or environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'excerpt_text')))
    yield '">\n'
    if (undefined(name='cover') if l_0_cover is missing else l_0_cover):
        pass
        yield '<meta name="twitter:image" content="'
        yield escape(context.call((undefined(name='abs_url') if l_0_abs_url is missing else l_0_abs_url), (undefined(name='cover') if l_0_cover is missing else l_0_cover), _block_vars=_block_vars))
        yield '">\n'

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_post = resolve('post')
    l_0_t = resolve('t')
    l_0_tag_list = resolve('tag_list')
    l_0_url = resolve('url')
    l_0_series = resolve('series')
    l_0_top = resolve('top')
    l_0_series_prev = resolve('series_prev')
    l_0_series_next = resolve('series_next')
    l_0_related = resolve('related')
    l_0_newer = resolve('newer')
    l_0_older = resolve('older')
    l_0_site = resolve('site')
    l_0_c = resolve('c')
    l_0_headings = l_0_post_body = missing
    try:
        t_1 = environment.filters['isodate']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'isodate' found.")
    try:
        t_3 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_4 = environment.filters['list']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No filter named 'list' found.")
    try:
        t_5 = environment.filters['longdate']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No filter named 'longdate' found.")
    try:
        t_6 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_6(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_7 = environment.filters['min']
    except KeyError:
        @internalcode
        def t_7(*unused):
            raise TemplateRuntimeError("No filter named 'min' found.")
    try:
        t_8 = environment.filters['safe']
    except KeyError:
        @internalcode
        def t_8(*unused):
            raise TemplateRuntimeError("No filter named 'safe' found.")
    try:
        t_9 = environment.filters['selectattr']
    except KeyError:
        @internalcode
        def t_9(*unused):
            raise TemplateRuntimeError("No filter named 'selectattr' found.")
    try:
        t_10 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_10(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_11 = environment.tests['sameas']
    except KeyError:
        @internalcode
        def t_11(*unused):
            raise TemplateRuntimeError("No test named 'sameas' found.")
    try:
        t_12 = environment.tests['string']
    except KeyError:
        @internalcode
        def t_12(*unused):
            raise TemplateRuntimeError("No test named 'string' found.")
    pass
    yield '<article class="post">\n  <header class="post-header">\n    <h1 class="post-title">'
    yield escape(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'title'))
    yield '</h1>\n'
    if (t_12(environment.getattr(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'meta'), 'subtitle')) and context.call(environment.getattr(environment.getattr(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'meta'), 'subtitle'), 'strip'), _block_vars=_block_vars)):
        pass
        yield '<p class="post-subtitle">'
        yield escape(environment.getattr(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'meta'), 'subtitle'))
        yield '</p>'
    yield '    <div class="post-meta">\n      <span>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'published'))
    yield ' <time datetime="'
    yield escape(t_1(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'date')))
    yield '">'
    yield escape(t_5(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'date')))
    yield '</time></span>\n'
    if environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'updated'):
        pass
        yield '<span>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'updated'))
        yield ' <time datetime="'
        yield escape(t_1(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'updated')))
        yield '">'
        yield escape(t_5(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'updated')))
        yield '</time></span>'
    yield '      <span>'
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'word_count'), 'format'), n=environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'word_count'), _block_vars=_block_vars))
    yield ' · '
    yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'reading_time'), 'format'), n=environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'reading_minutes'), _block_vars=_block_vars))
    yield '</span>\n      '
    yield escape(context.call((undefined(name='tag_list') if l_0_tag_list is missing else l_0_tag_list), environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'tags'), _block_vars=_block_vars))
    yield '\n    </div>\n'
    if environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'category_trails'):
        pass
        yield '    <nav class="post-categories" aria-label="'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'category_label'))
        yield '">\n      <span class="post-categories-label">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'category_label'))
        yield '</span>\n'
        for l_1_trail in environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'category_trails'):
            l_1_category_trail = resolve('category_trail')
            _loop_vars = {}
            pass
            yield escape(context.call((undefined(name='category_trail') if l_1_category_trail is missing else l_1_category_trail), l_1_trail, _loop_vars=_loop_vars))
        l_1_trail = l_1_category_trail = missing
        yield '    </nav>\n'
    yield '  </header>\n'
    if environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'cover'):
        pass
        yield '<img class="post-cover" src="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'cover'), _block_vars=_block_vars))
        yield '" alt="" decoding="async">'
    if (t_10((undefined(name='series') if l_0_series is missing else l_0_series)) and (undefined(name='series') if l_0_series is missing else l_0_series)):
        pass
        yield '  <nav class="series-box" aria-labelledby="series-box-title">\n    <p class="series-box-title" id="series-box-title">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'series_label'))
        yield ' <a href="'
        yield escape(environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'url'))
        yield '">'
        yield escape(environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'name'))
        yield '</a> · '
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'series_position'), 'format'), n=(context.call(environment.getattr(environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'posts'), 'index'), (undefined(name='post') if l_0_post is missing else l_0_post), _block_vars=_block_vars) + 1), total=environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'count'), _block_vars=_block_vars))
        yield '</p>\n    <ol>\n'
        for l_1_part in environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'posts'):
            _loop_vars = {}
            pass
            if t_11(l_1_part, (undefined(name='post') if l_0_post is missing else l_0_post)):
                pass
                yield '      <li><span aria-current="page">'
                yield escape(environment.getattr(l_1_part, 'title'))
                yield '</span><span class="series-this">'
                yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'series_this_post'))
                yield '</span></li>\n'
            else:
                pass
                yield '      <li><a href="'
                yield escape(environment.getattr(l_1_part, 'url'))
                yield '">'
                yield escape(environment.getattr(l_1_part, 'title'))
                yield '</a></li>\n'
        l_1_part = missing
        yield '    </ol>\n  </nav>\n'
    l_0_headings = t_4(context.eval_ctx, t_9(context, environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'toc'), 'level', 'le', 3))
    _block_vars['headings'] = l_0_headings
    if ((t_3(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'toc')) >= 3) and (undefined(name='headings') if l_0_headings is missing else l_0_headings)):
        pass
        l_0_top = t_7(environment, t_6(context, (undefined(name='headings') if l_0_headings is missing else l_0_headings), attribute='level'))
        _block_vars['top'] = l_0_top
        yield '  <nav class="toc" aria-label="'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'toc'))
        yield '">\n    <details open>\n      <summary>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'toc'))
        yield '</summary>\n      <ol>\n'
        for l_1_heading in (undefined(name='headings') if l_0_headings is missing else l_0_headings):
            _loop_vars = {}
            pass
            if (environment.getattr(l_1_heading, 'level') > (undefined(name='top') if l_0_top is missing else l_0_top)):
                pass
                yield '        <li class="toc-sub"><a href="#'
                yield escape(environment.getattr(l_1_heading, 'id'))
                yield '">'
                if environment.getattr(l_1_heading, 'html'):
                    pass
                    yield escape(t_8(environment.getattr(l_1_heading, 'html')))
                else:
                    pass
                    yield escape(environment.getattr(l_1_heading, 'text'))
                yield '</a></li>\n'
            else:
                pass
                yield '        <li><a href="#'
                yield escape(environment.getattr(l_1_heading, 'id'))
                yield '">'
                if environment.getattr(l_1_heading, 'html'):
                    pass
                    yield escape(t_8(environment.getattr(l_1_heading, 'html')))
                else:
                    pass
                    yield escape(environment.getattr(l_1_heading, 'text'))
                yield '</a></li>\n'
        l_1_heading = missing
        yield '      </ol>\n    </details>\n  </nav>\n'
    l_0_post_body = environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'html')
    _block_vars['post_body'] = l_0_post_body
    yield '  <div class="post-body">\n'
    yield escape((undefined(name='post_body') if l_0_post_body is missing else l_0_post_body))
    yield '\n  </div>\n'
    if ('class="cite-link"' in (undefined(name='post_body') if l_0_post_body is missing else l_0_post_body)):
        pass
        yield '<script src="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/js/cite.js', _block_vars=_block_vars))
        yield '" defer></script>'
    yield '</article>\n'
    if (t_10((undefined(name='series') if l_0_series is missing else l_0_series)) and ((undefined(name='series_prev') if l_0_series_prev is missing else l_0_series_prev) or (undefined(name='series_next') if l_0_series_next is missing else l_0_series_next))):
        pass
        yield '<nav class="post-nav series-nav" aria-label="'
        yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'series_nav_label'), 'format'), name=environment.getattr((undefined(name='series') if l_0_series is missing else l_0_series), 'name'), _block_vars=_block_vars))
        yield '">\n'
        if (undefined(name='series_prev') if l_0_series_prev is missing else l_0_series_prev):
            pass
            yield '<a class="post-nav-newer" href="'
            yield escape(environment.getattr((undefined(name='series_prev') if l_0_series_prev is missing else l_0_series_prev), 'url'))
            yield '"><span>'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'series_previous'))
            yield '</span>'
            yield escape(environment.getattr((undefined(name='series_prev') if l_0_series_prev is missing else l_0_series_prev), 'title'))
            yield '</a>'
        if (undefined(name='series_next') if l_0_series_next is missing else l_0_series_next):
            pass
            yield '<a class="post-nav-older" href="'
            yield escape(environment.getattr((undefined(name='series_next') if l_0_series_next is missing else l_0_series_next), 'url'))
            yield '"><span>'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'series_next'))
            yield '</span>'
            yield escape(environment.getattr((undefined(name='series_next') if l_0_series_next is missing else l_0_series_next), 'title'))
            yield '</a>'
        yield '</nav>\n'
    if (t_10((undefined(name='related') if l_0_related is missing else l_0_related)) and (undefined(name='related') if l_0_related is missing else l_0_related)):
        pass
        yield '<section class="related" aria-labelledby="related-title">\n  <h2 id="related-title">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'related'))
        yield '</h2>\n  <ul>\n'
        for l_1_other in (undefined(name='related') if l_0_related is missing else l_0_related):
            _loop_vars = {}
            pass
            yield '    <li><a href="'
            yield escape(environment.getattr(l_1_other, 'url'))
            yield '">'
            yield escape(environment.getattr(l_1_other, 'title'))
            yield '</a> <time datetime="'
            yield escape(t_1(environment.getattr(l_1_other, 'date')))
            yield '">'
            yield escape(t_5(environment.getattr(l_1_other, 'date')))
            yield '</time></li>\n'
        l_1_other = missing
        yield '  </ul>\n</section>\n'
    if ((undefined(name='newer') if l_0_newer is missing else l_0_newer) or (undefined(name='older') if l_0_older is missing else l_0_older)):
        pass
        yield '<nav class="post-nav" aria-label="'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'adjacent_label'))
        yield '">\n'
        if (undefined(name='newer') if l_0_newer is missing else l_0_newer):
            pass
            yield '<a class="post-nav-newer" rel="prev" href="'
            yield escape(environment.getattr((undefined(name='newer') if l_0_newer is missing else l_0_newer), 'url'))
            yield '"><span>'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'newer_post'))
            yield '</span>'
            yield escape(environment.getattr((undefined(name='newer') if l_0_newer is missing else l_0_newer), 'title'))
            yield '</a>'
        if (undefined(name='older') if l_0_older is missing else l_0_older):
            pass
            yield '<a class="post-nav-older" rel="next" href="'
            yield escape(environment.getattr((undefined(name='older') if l_0_older is missing else l_0_older), 'url'))
            yield '"><span>'
            yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'older_post'))
            yield '</span>'
            yield escape(environment.getattr((undefined(name='older') if l_0_older is missing else l_0_older), 'title'))
            yield '</a>'
        yield '</nav>\n'
    if (environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'comments') and environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'comments')):
        pass
        l_0_c = environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'comments')
        _block_vars['c'] = l_0_c
        yield '<section class="comments" aria-labelledby="comments-title">\n  <h2 id="comments-title">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'comments'))
        yield '</h2>\n'
        if (environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'provider') == 'giscus'):
            pass
            yield '  <script src="https://giscus.app/client.js" data-repo="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'repo'))
            yield '" data-repo-id="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'repo_id'))
            yield '" data-category="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'category'))
            yield '" data-category-id="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'category_id'))
            yield '" data-mapping="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'mapping'))
            yield '" data-strict="'
            yield escape((1 if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'strict') else 0))
            yield '" data-reactions-enabled="'
            yield escape((1 if environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'reactions') else 0))
            yield '" data-emit-metadata="0" data-input-position="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'input_position'))
            yield '" data-theme="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'theme'))
            yield '" data-lang="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'lang'))
            yield '" data-loading="lazy" crossorigin="anonymous" async></script>\n  <noscript><p>'
            yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'comments_need_js'), 'format'), provider='giscus（GitHub Discussions）', _block_vars=_block_vars))
            yield '</p></noscript>\n'
        else:
            pass
            yield '<div id="comments-widget" class="comments-widget" data-provider="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'provider'))
            yield '" data-server="'
            yield escape((environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'server_url') if (environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'provider') == 'waline') else environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'env_id')))
            yield '" data-client="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'client_url'))
            yield '" data-style="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'style_url'))
            yield '" data-lang="'
            yield escape(environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'lang'))
            yield '" data-path="'
            yield escape(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'url'))
            yield '"></div>\n  <noscript><p>'
            yield escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'comments_need_js'), 'format'), provider=('Waline' if (environment.getattr((undefined(name='c') if l_0_c is missing else l_0_c), 'provider') == 'waline') else 'Twikoo'), _block_vars=_block_vars))
            yield '</p></noscript>\n'
        yield '</section>\n'

blocks = {'description': block_description, 'head': block_head, 'content': block_content}
debug_info = '1=13&2=16&3=27&4=38&6=63&7=65&8=67&9=69&10=71&11=73&12=75&14=80&16=87&18=95&19=97&20=99&21=101&24=107&27=196&28=198&30=204&31=210&32=220&33=224&35=226&36=229&37=231&38=233&42=241&43=246&45=249&47=257&48=260&49=263&51=270&57=276&58=278&59=280&60=283&62=285&64=287&65=290&66=293&68=305&75=316&77=319&79=321&81=327&82=330&83=332&84=341&87=351&89=354&91=356&92=360&97=370&98=373&99=375&100=384&103=394&104=396&106=399&107=401&108=404&109=424&112=429&113=441'