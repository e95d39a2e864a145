from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_analytics.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_counting = missing
    try:
        t_1 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    l_0_counting = environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'analytics')
    context.vars['counting'] = l_0_counting
    context.exported_vars.add('counting')
    if ('umami' in (undefined(name='counting') if l_0_counting is missing else l_0_counting)):
        pass
        yield '<script defer src="'
        yield escape(environment.getattr(environment.getattr((undefined(name='counting') if l_0_counting is missing else l_0_counting), 'umami'), 'script_url'))
        yield '" data-website-id="'
        yield escape(environment.getattr(environment.getattr((undefined(name='counting') if l_0_counting is missing else l_0_counting), 'umami'), 'website_id'))
        yield '"></script>\n'
    if ('plausible' in (undefined(name='counting') if l_0_counting is missing else l_0_counting)):
        pass
        yield '<script defer data-domain="'
        yield escape(environment.getattr(environment.getattr((undefined(name='counting') if l_0_counting is missing else l_0_counting), 'plausible'), 'domain'))
        yield '" src="'
        yield escape(environment.getattr(environment.getattr((undefined(name='counting') if l_0_counting is missing else l_0_counting), 'plausible'), 'script_url'))
        yield '"></script>\n'
    if ('google' in (undefined(name='counting') if l_0_counting is missing else l_0_counting)):
        pass
        yield '<script async src="https://www.googletagmanager.com/gtag/js?id='
        yield escape(environment.getattr((undefined(name='counting') if l_0_counting is missing else l_0_counting), 'google'))
        yield '"></script>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag("js",new Date());gtag("config",'
        yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='counting') if l_0_counting is missing else l_0_counting), 'google')))
        yield ');</script>\n'
    if ('baidu' in (undefined(name='counting') if l_0_counting is missing else l_0_counting)):
        pass
        yield '<script>var _hmt=_hmt||[];</script>\n<script async src="https://hm.baidu.com/hm.js?'
        yield escape(environment.getattr((undefined(name='counting') if l_0_counting is missing else l_0_counting), 'baidu'))
        yield '"></script>\n'

blocks = {}
debug_info = '2=19&3=22&4=25&6=29&7=32&9=36&10=39&11=41&13=43&15=46'