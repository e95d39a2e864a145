from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_macros.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_tag_list = l_0_category_trail = l_0_post_entry = l_0_pager_nav = missing
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
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    def macro(l_1_tags):
        t_4 = []
        l_1_t = resolve('t')
        if l_1_tags is missing:
            l_1_tags = undefined("parameter 'tags' was not provided", name='tags')
        pass
        if l_1_tags:
            pass
            t_4.extend((
                '<ul class="tags" aria-label="',
                escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'tags_label')),
                '">\n',
            ))
            for l_2_tag in l_1_tags:
                _loop_vars = {}
                pass
                t_4.extend((
                    '  <li><a href="',
                    escape(environment.getattr(l_2_tag, 'url')),
                    '">#',
                    escape(environment.getattr(l_2_tag, 'name')),
                    '</a></li>\n',
                ))
            l_2_tag = missing
            t_4.append(
                '</ul>\n',
            )
        return concat(t_4)
    context.exported_vars.add('tag_list')
    context.vars['tag_list'] = l_0_tag_list = Macro(environment, macro, 'tag_list', ('tags',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_trail, l_1_current):
        t_5 = []
        if l_1_trail is missing:
            l_1_trail = undefined("parameter 'trail' was not provided", name='trail')
        if l_1_current is missing:
            l_1_current = False
        pass
        t_5.append(
            '<ol class="category-trail">\n',
        )
        l_2_loop = missing
        for l_2_node, l_2_loop in LoopContext(l_1_trail, undefined):
            _loop_vars = {}
            pass
            if (l_1_current and environment.getattr(l_2_loop, 'last')):
                pass
                t_5.extend((
                    '  <li><span aria-current="page">',
                    escape(environment.getattr(l_2_node, 'name')),
                    '</span></li>\n',
                ))
            else:
                pass
                t_5.extend((
                    '  <li><a href="',
                    escape(environment.getattr(l_2_node, 'url')),
                    '">',
                    escape(environment.getattr(l_2_node, 'name')),
                    '</a></li>\n',
                ))
        l_2_loop = l_2_node = missing
        t_5.append(
            '</ol>\n',
        )
        return concat(t_5)
    context.exported_vars.add('category_trail')
    context.vars['category_trail'] = l_0_category_trail = Macro(environment, macro, 'category_trail', ('trail', 'current'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_post, l_1_pinned):
        t_6 = []
        l_1_url = resolve('url')
        l_1_t = resolve('t')
        l_1_cover = missing
        if l_1_post is missing:
            l_1_post = undefined("parameter 'post' was not provided", name='post')
        if l_1_pinned is missing:
            l_1_pinned = False
        pass
        l_1_cover = environment.getattr(l_1_post, 'cover')
        t_6.append(
            '<article class="entry',
        )
        if l_1_pinned:
            pass
            t_6.append(
                ' entry-pinned',
            )
        if (undefined(name='cover') if l_1_cover is missing else l_1_cover):
            pass
            t_6.append(
                ' entry-with-cover',
            )
        t_6.append(
            '">\n',
        )
        if (undefined(name='cover') if l_1_cover is missing else l_1_cover):
            pass
            t_6.extend((
                '<a class="entry-cover" href="',
                escape(environment.getattr(l_1_post, 'url')),
                '" tabindex="-1" aria-hidden="true"><img src="',
                escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), (undefined(name='cover') if l_1_cover is missing else l_1_cover))),
                '" alt="" loading="lazy" decoding="async"></a>',
            ))
        t_6.extend((
            '  <h2 class="entry-title"><a href="',
            escape(environment.getattr(l_1_post, 'url')),
            '">',
            escape(environment.getattr(l_1_post, 'title')),
            '</a></h2>\n  <div class="entry-meta">\n',
        ))
        if l_1_pinned:
            pass
            t_6.extend((
                '<span class="pin-badge">',
                escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'pinned')),
                '</span>',
            ))
        t_6.extend((
            '    <time datetime="',
            escape(t_1(environment.getattr(l_1_post, 'date'))),
            '">',
            escape(t_2(environment.getattr(l_1_post, 'date'))),
            '</time>\n',
        ))
        if environment.getattr(l_1_post, 'updated'):
            pass
            t_6.extend((
                '<span>',
                escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'updated')),
                ' <time datetime="',
                escape(t_1(environment.getattr(l_1_post, 'updated'))),
                '">',
                escape(t_2(environment.getattr(l_1_post, 'updated'))),
                '</time></span>',
            ))
        t_6.extend((
            '    ',
            escape(context.call((undefined(name='tag_list') if l_0_tag_list is missing else l_0_tag_list), environment.getattr(l_1_post, 'tags'))),
            '\n  </div>\n  <p class="entry-excerpt">',
            escape(environment.getattr(l_1_post, 'excerpt')),
            '</p>\n',
        ))
        if environment.getattr(l_1_post, 'excerpt_truncated'):
            pass
            t_6.extend((
                '  <a class="read-more" href="',
                escape(environment.getattr(l_1_post, 'url')),
                '" aria-label="',
                escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'read_more_label'), 'format'), title=environment.getattr(l_1_post, 'title'))),
                '">',
                escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'read_more')),
                '</a>\n',
            ))
        t_6.append(
            '</article>\n',
        )
        return concat(t_6)
    context.exported_vars.add('post_entry')
    context.vars['post_entry'] = l_0_post_entry = Macro(environment, macro, 'post_entry', ('post', 'pinned'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_pager, l_1_around):
        t_7 = []
        l_1_t = resolve('t')
        l_1_url = resolve('url')
        l_1_pager_window = resolve('pager_window')
        if l_1_pager is missing:
            l_1_pager = undefined("parameter 'pager' was not provided", name='pager')
        if l_1_around is missing:
            l_1_around = 2
        pass
        if (environment.getattr(l_1_pager, 'total') > 1):
            pass
            t_7.extend((
                '<nav class="pager" aria-label="',
                escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'pager_label')),
                '">\n',
            ))
            if environment.getattr(l_1_pager, 'prev'):
                pass
                t_7.extend((
                    '<a class="pager-prev" rel="prev" href="',
                    escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(environment.getattr(l_1_pager, 'prev'), 'path'))),
                    '">',
                    escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'previous_page')),
                    '</a>',
                ))
            else:
                pass
                t_7.extend((
                    '<span class="pager-prev disabled">',
                    escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'previous_page')),
                    '</span>',
                ))
            t_7.append(
                '  <ol>\n',
            )
            for l_2_link in context.call((undefined(name='pager_window') if l_1_pager_window is missing else l_1_pager_window), l_1_pager, l_1_around):
                _loop_vars = {}
                pass
                if t_3(l_2_link):
                    pass
                    t_7.append(
                        '    <li><span class="gap" aria-hidden="true">…</span></li>\n',
                    )
                elif (environment.getattr(l_2_link, 'number') == environment.getattr(l_1_pager, 'number')):
                    pass
                    t_7.extend((
                        '    <li><span aria-current="page">',
                        escape(environment.getattr(l_2_link, 'number')),
                        '</span></li>\n',
                    ))
                else:
                    pass
                    t_7.extend((
                        '    <li><a href="',
                        escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(l_2_link, 'path'), _loop_vars=_loop_vars)),
                        '" aria-label="',
                        escape(context.call(environment.getattr(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'page_n'), 'format'), n=environment.getattr(l_2_link, 'number'), _loop_vars=_loop_vars)),
                        '">',
                        escape(environment.getattr(l_2_link, 'number')),
                        '</a></li>\n',
                    ))
            l_2_link = missing
            t_7.append(
                '  </ol>\n',
            )
            if environment.getattr(l_1_pager, 'next'):
                pass
                t_7.extend((
                    '<a class="pager-next" rel="next" href="',
                    escape(context.call((undefined(name='url') if l_1_url is missing else l_1_url), environment.getattr(environment.getattr(l_1_pager, 'next'), 'path'))),
                    '">',
                    escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'next_page')),
                    '</a>',
                ))
            else:
                pass
                t_7.extend((
                    '<span class="pager-next disabled">',
                    escape(environment.getattr((undefined(name='t') if l_1_t is missing else l_1_t), 'next_page')),
                    '</span>',
                ))
            t_7.append(
                '</nav>\n',
            )
        return concat(t_7)
    context.exported_vars.add('pager_nav')
    context.vars['pager_nav'] = l_0_pager_nav = Macro(environment, macro, 'pager_nav', ('pager', 'around'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '1=30&2=36&3=40&4=43&5=48&12=60&14=71&15=74&16=78&18=85&25=97&26=107&27=124&28=135&30=140&31=149&32=154&33=167&35=169&36=172&37=176&43=189&44=199&45=203&46=206&48=225&49=228&51=233&52=237&54=244&58=255'