from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = '_footer.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_site = resolve('site')
    l_0_beian = missing
    pass
    yield '<p>© '
    yield escape((environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'author') or environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title')))
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'):
        pass
        yield ' · '
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'))
    yield '</p>\n'
    l_0_beian = environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'footer')
    context.vars['beian'] = l_0_beian
    context.exported_vars.add('beian')
    if (('icp' in (undefined(name='beian') if l_0_beian is missing else l_0_beian)) or ('police' in (undefined(name='beian') if l_0_beian is missing else l_0_beian))):
        pass
        yield '<p class="beian">'
        if ('icp' in (undefined(name='beian') if l_0_beian is missing else l_0_beian)):
            pass
            yield '<a href="'
            yield escape(environment.getattr((undefined(name='beian') if l_0_beian is missing else l_0_beian), 'icp_url'))
            yield '" rel="nofollow noopener">'
            yield escape(environment.getattr((undefined(name='beian') if l_0_beian is missing else l_0_beian), 'icp'))
            yield '</a>'
        if (('icp' in (undefined(name='beian') if l_0_beian is missing else l_0_beian)) and ('police' in (undefined(name='beian') if l_0_beian is missing else l_0_beian))):
            pass
            yield ' · '
        if ('police' in (undefined(name='beian') if l_0_beian is missing else l_0_beian)):
            pass
            yield '<a href="'
            yield escape(environment.getattr((undefined(name='beian') if l_0_beian is missing else l_0_beian), 'police_url'))
            yield '" rel="nofollow noopener">'
            yield escape(environment.getattr((undefined(name='beian') if l_0_beian is missing else l_0_beian), 'police'))
            yield '</a>'
        yield '</p>\n'

blocks = {}
debug_info = '1=14&2=20&3=23&5=26&6=33&7=36'