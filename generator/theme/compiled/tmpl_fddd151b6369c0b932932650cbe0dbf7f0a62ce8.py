from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_page = resolve('page')
    l_0_abs_url = resolve('abs_url')
    l_0_url = resolve('url')
    l_0_post = resolve('post')
    l_0_posts = resolve('posts')
    l_0_links = resolve('links')
    l_0_t = resolve('t')
    l_0_nav = resolve('nav')
    l_0_script_strings_json = resolve('script_strings_json')
    l_0_formulas = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['map']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'map' found.")
    try:
        t_3 = environment.filters['math_fonts']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'math_fonts' found.")
    try:
        t_4 = environment.tests['defined']
    except KeyError:
        @internalcode
        def t_4(*unused):
            raise TemplateRuntimeError("No test named 'defined' found.")
    try:
        t_5 = environment.tests['paper_notes']
    except KeyError:
        @internalcode
        def t_5(*unused):
            raise TemplateRuntimeError("No test named 'paper_notes' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language'))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n<meta name="description" content="'
    yield from context.blocks['description'][0](context)
    yield '">\n<meta name="color-scheme" content="light dark">\n'
    if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') != '404'):
        pass
        yield '<link rel="canonical" href="'
        yield escape(context.call((undefined(name='abs_url') if l_0_abs_url is missing else l_0_abs_url), environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'path')))
        yield '">\n'
    yield '<link rel="alternate" type="application/atom+xml" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/atom.xml'))
    yield '">\n<link rel="alternate" type="application/rss+xml" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield ' (RSS)" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/rss.xml'))
    yield '">\n<link rel="icon" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/favicon.svg'))
    yield '" type="image/svg+xml">\n<script>document.documentElement.classList.add("js");try{var t=localStorage.getItem("theme");if(t==="light"||t==="dark"){document.documentElement.dataset.theme=t}}catch(e){}</script>\n<link rel="stylesheet" href="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/css/style.css'))
    yield '">\n'
    l_0_formulas = (environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'html') if t_4((undefined(name='post') if l_0_post is missing else l_0_post)) else (t_1(context.eval_ctx, t_2(context, (undefined(name='posts') if l_0_posts is missing else l_0_posts), attribute='excerpt')) if t_4((undefined(name='posts') if l_0_posts is missing else l_0_posts)) else ''))
    context.vars['formulas'] = l_0_formulas
    context.exported_vars.add('formulas')
    for l_1_font in t_3((undefined(name='formulas') if l_0_formulas is missing else l_0_formulas)):
        _loop_vars = {}
        pass
        yield '<link rel="preload" href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), l_1_font, _loop_vars=_loop_vars))
        yield '" as="font" type="font/woff2" crossorigin>\n'
    l_1_font = missing
    if (t_4((undefined(name='post') if l_0_post is missing else l_0_post)) and ('class="highlight' in environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'html'))):
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/css/syntax.css'))
        yield '">\n'
    if (t_4((undefined(name='post') if l_0_post is missing else l_0_post)) and t_5(environment.getattr((undefined(name='post') if l_0_post is missing else l_0_post), 'html'))):
        pass
        yield '<link rel="stylesheet" href="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/css/papers.css'))
        yield '">\n'
    yield '<script src="'
    yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/js/theme.js'))
    yield '" defer'
    if environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search'):
        pass
        yield ' data-search="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/js/search.js'))
        yield '" data-index="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/search-index/'))
        yield '" data-page="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search'))
        yield '"'
    yield '></script>\n'
    if (environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search') and (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') == 'search')):
        pass
        yield '<script src="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/js/search.js'))
        yield '" defer data-index="'
        yield escape(context.call((undefined(name='url') if l_0_url is missing else l_0_url), '/search-index/'))
        yield '" data-page="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search'))
        yield '"></script>\n'
    yield from context.blocks['head'][0](context)
    template = environment.get_template('_analytics.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'formulas': l_0_formulas}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</head>\n<body class="kind-'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind'))
    yield '">\n<a class="skip-link" href="#main">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'skip_to_content'))
    yield '</a>\n<header class="site-header">\n  <div class="wrap">\n    <a class="site-title" href="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'home'))
    yield '"'
    if ((environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') == 'index') and (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'number') == 1)):
        pass
        yield ' aria-current="page"'
    yield '>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</a>\n    <nav class="site-nav" aria-label="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_label'))
    yield '">\n      <ul>\n        <li><a href="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'home'))
    yield '"'
    if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') == 'index'):
        pass
        yield ' aria-current="page"'
    yield '>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_home'))
    yield '</a></li>\n'
    if (t_4(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives')) and environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives')):
        pass
        yield '        <li><a href="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'archives'))
        yield '"'
        if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') == 'archives'):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_archives'))
        yield '</a></li>\n'
    if (t_4((undefined(name='nav') if l_0_nav is missing else l_0_nav)) and environment.getattr((undefined(name='nav') if l_0_nav is missing else l_0_nav), 'categories')):
        pass
        yield '        <li><a href="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'categories'))
        yield '"'
        if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') in ('categories', 'category')):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_categories'))
        yield '</a></li>\n'
    yield '        <li><a href="'
    yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'tags'))
    yield '"'
    if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') in ('tags', 'tag')):
        pass
        yield ' aria-current="page"'
    yield '>'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_tags'))
    yield '</a></li>\n'
    if (t_4((undefined(name='nav') if l_0_nav is missing else l_0_nav)) and environment.getattr((undefined(name='nav') if l_0_nav is missing else l_0_nav), 'series')):
        pass
        yield '        <li><a href="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'series'))
        yield '"'
        if (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') in ('series_index', 'series')):
            pass
            yield ' aria-current="page"'
        yield '>'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_series'))
        yield '</a></li>\n'
    if (environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search') and (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') == 'search')):
        pass
        yield '        <li><a href="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search'))
        yield '" aria-current="page">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'nav_search'))
        yield '</a></li>\n'
    yield '      </ul>\n    </nav>\n    <button class="theme-toggle" type="button" title="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'theme_title'))
    yield '" data-auto="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'theme_auto'))
    yield '" data-light="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'theme_light'))
    yield '" data-dark="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'theme_dark'))
    yield '"><span class="visually-hidden">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'theme_label'))
    yield '</span><span class="theme-name">'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'theme_auto'))
    yield '</span></button>\n'
    if (environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search') and (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') != 'search')):
        pass
        yield '    <form class="site-search" role="search" action="'
        yield escape(environment.getattr((undefined(name='links') if l_0_links is missing else l_0_links), 'search'))
        yield '" method="get" aria-label="'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'site_search_label'))
        yield '">\n      <label class="visually-hidden" for="site-search-q">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_placeholder'))
        yield '</label>\n      <input id="site-search-q" type="search" name="q" placeholder="'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_placeholder'))
        yield '" autocomplete="off" enterkeyhint="search">\n      <button type="submit">'
        yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'search_button'))
        yield '</button>\n    </form>\n'
    yield '  </div>\n</header>\n<main id="main" class="wrap">\n'
    yield from context.blocks['content'][0](context)
    yield '</main>\n<footer class="site-footer">\n  <div class="wrap">\n'
    template = environment.get_template('_footer.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'formulas': l_0_formulas}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '  </div>\n</footer>\n<a class="back-to-top" href="#top" aria-label="'
    yield escape(environment.getattr((undefined(name='t') if l_0_t is missing else l_0_t), 'back_to_top'))
    yield '">↑</a>\n<script type="application/json" id="ui-strings">'
    yield escape((undefined(name='script_strings_json') if l_0_script_strings_json is missing else l_0_script_strings_json))
    yield '</script>\n</body>\n</html>\n'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    pass
    if ((environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'kind') == 'index') and (environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'number') == 1)):
        pass
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    else:
        pass
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
        yield ' · '
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'))

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_content(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'description': block_description, 'head': block_head, 'content': block_content}
debug_info = '2=53&6=55&7=57&9=59&10=62&12=65&13=69&14=73&17=75&19=77&20=80&21=84&24=87&25=90&28=92&29=95&32=98&33=110&34=113&36=119&37=120&39=127&40=129&43=131&44=139&46=141&47=149&48=152&50=160&51=163&53=172&54=180&55=183&57=191&58=194&62=199&63=211&64=214&65=218&66=220&67=222&73=225&77=227&80=234&81=236&6=239&7=258&36=269&73=278'