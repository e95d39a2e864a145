"""A gallery of formulas of our own writing, the kind ML posts use, grouped by construct.

Used by tests/math/test_gallery.py (each converts), bench/bench_math.py (µs per formula)
and the browser test (screenshots). Display formulas are marked with a leading "$$".
"""

from __future__ import annotations

_MATRIX_BODIES = (
    "a & b \\\\ c & d",
    "1 & 0 & 0 \\\\ 0 & 1 & 0 \\\\ 0 & 0 & 1",
    "x_{11} & \\cdots \\\\ \\vdots & \\ddots",
)
_MATRIX_ENVS = ("matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix")
_FONTS = (
    "mathbb",
    "mathcal",
    "mathscr",
    "mathfrak",
    "mathbf",
    "mathrm",
    "mathsf",
    "mathtt",
    "mathit",
    "boldsymbol",
    "bm",
)
_ACCENTS = (
    "hat",
    "tilde",
    "bar",
    "vec",
    "dot",
    "ddot",
    "check",
    "breve",
    "widehat",
    "widetilde",
    "overline",
    "underline",
)
_SIZES = ("big", "Big", "bigg", "Bigg")
_DELIMITERS = (("(", ")"), ("[", "]"), ("\\{", "\\}"), ("\\langle", "\\rangle"), ("|", "|"), ("\\lVert", "\\rVert"))

GROUPS: dict[str, list[str]] = {
    "basics": [
        "x^2 + y^2 = r^2",
        "a_{ij} = \\sum_k b_{ik} c_{kj}",
        "\\frac{\\partial L}{\\partial w}",
        "\\sqrt{d_k}",
        "\\sqrt[3]{x^3 + 1}",
        "e^{i\\pi} + 1 = 0",
        "\\log p_\\theta(x)",
        "\\exp(-\\lambda t)",
        "\\lim_{n \\to \\infty} \\left(1 + \\frac{1}{n}\\right)^n = e",
        "\\int_0^1 x^2 \\, dx = \\frac{1}{3}",
        "\\iint_D f(x, y) \\, dx \\, dy",
        "\\oint_C \\mathbf{F} \\cdot d\\mathbf{r}",
        "\\prod_{i=1}^{n} p(x_i \\mid \\theta)",
        "\\bigcup_{i} A_i \\cap \\bigcap_j B_j",
        "\\binom{n}{k} = \\frac{n!}{k!(n-k)!}",
        "\\tbinom{n}{2} \\dbinom{n}{3}",
        "\\dfrac{1}{2} + \\tfrac{1}{3}",
        "\\cfrac{1}{1 + \\cfrac{1}{1 + x}}",
        "a \\bmod b",
        "x \\equiv y \\pmod{n}",
        "f'(x) = \\lim_{h \\to 0} \\frac{f(x+h) - f(x)}{h}",
        "f''(x) + f^{\\prime}(x)",
        "\\nabla_\\theta J(\\theta)",
        "\\Delta w = -\\eta \\nabla L",
        "\\alpha, \\beta, \\gamma, \\delta, \\epsilon, \\varepsilon, \\zeta, \\eta",
        "\\theta, \\vartheta, \\iota, \\kappa, \\lambda, \\mu, \\nu, \\xi, \\pi, \\rho",
        "\\sigma, \\tau, \\upsilon, \\phi, \\varphi, \\chi, \\psi, \\omega",
        "\\Gamma, \\Delta, \\Theta, \\Lambda, \\Xi, \\Pi, \\Sigma, \\Phi, \\Psi, \\Omega",
        "\\infty \\ne -\\infty",
        "a \\le b \\ge c \\ll d \\gg e",
        "x \\approx y \\sim z \\simeq w \\propto v",
        "A \\subset B \\subseteq C \\supset D",
        "x \\in X, y \\notin Y, \\emptyset, \\varnothing",
        "\\forall x \\exists y \\neg P(x, y)",
        "p \\land q \\lor r \\Rightarrow s \\iff t",
        "a \\times b \\cdot c \\div d \\pm e \\mp f",
        "u \\otimes v \\oplus w \\odot z",
        "A^\\top B^{\\mathsf{T}} C^{-1} D^\\dagger",
        "x \\perp y, \\; a \\parallel b",
        "\\ell_2 \\text{ norm}",
        "\\hbar \\aleph_0 \\Re z \\Im z",
        "f: \\mathbb{R}^n \\to \\mathbb{R}",
        "x \\mapsto x^2",
        "a \\leftarrow b \\Leftarrow c \\longrightarrow d \\Longleftrightarrow e",
        "\\uparrow \\downarrow \\Uparrow \\Downarrow",
        "1, 2, \\ldots, n \\quad 1 + 2 + \\cdots + n",
        "\\vdots \\ddots",
        "a \\, b \\: c \\; d \\quad e \\qquad f \\! g",
        "\\#\\$\\%\\&\\_",
        "\\{ x \\mid x > 0 \\}",
        "\\lfloor x \\rfloor + \\lceil y \\rceil",
        "|x| + \\|y\\|",
        "\\angle ABC = 90^\\circ",
        "\\triangle ABC \\cong \\triangle DEF",
        "\\star \\ast \\circ \\bullet",
        "10^{-3} \\le \\eta \\le 10^{-1}",
        "x_{t+1} = x_t - \\eta g_t",
        "{}^{14}_{6}\\mathrm{C}",
        "\\sum\\nolimits_{i} x_i",
        "\\sum\\limits_{i=1}^{n} x_i",
        "\\int\\limits_0^\\infty e^{-x} dx",
        "\\max_{x} f(x) \\min_y g(y) \\sup_z h(z) \\inf_w k(w)",
        "\\det(A) \\dim V \\ker T \\deg p",
        "\\sin^2 \\theta + \\cos^2 \\theta = 1",
        "\\tanh(x) = \\frac{e^x - e^{-x}}{e^x + e^{-x}}",
        "\\Pr(A \\mid B) = \\frac{\\Pr(B \\mid A)\\Pr(A)}{\\Pr(B)}",
        "\\arg\\max_{y} p(y \\mid x)",
        "\\operatorname{softmax}(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}",
        "\\operatorname*{arg\\,max}_{\\theta} \\log p_\\theta(x)",
        "\\operatorname*{arg\\,min}_{w} \\|Xw - y\\|_2^2 + \\lambda \\|w\\|_1",
        "\\mathop{\\mathbb{E}}_{x \\sim p}[f(x)]",
        "\\mathrm{KL}(q \\,\\|\\, p)",
        "\\stackrel{\\text{def}}{=}",
        "\\overset{!}{=} \\underset{x}{\\arg\\min}",
        "a \\coloneqq b \\triangleq c",
        "\\phantom{x} y \\vphantom{\\int} z",
        "\\displaystyle \\sum_{i=1}^n i = \\frac{n(n+1)}{2}",
        "\\textstyle \\sum_{i=1}^n i",
        "\\scriptstyle x + y",
        "\\mathrm{d}x \\, \\mathrm{d}y",
        "\\frac{\\mathrm{d}}{\\mathrm{d}t} x(t) = A x(t)",
    ],
    "ml": [
        "$$\\mathrm{Attention}(Q, K, V) = \\mathrm{softmax}\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right) V",
        "$$\\mathcal{L}_{\\text{CE}} = -\\sum_{c=1}^{C} y_c \\log \\hat{y}_c",
        "$$\\log p(x) \\ge \\mathbb{E}_{q_\\phi(z \\mid x)}\\left[\\log p_\\theta(x \\mid z)\\right] - D_{\\mathrm{KL}}\\left(q_\\phi(z \\mid x) \\,\\|\\, p(z)\\right)",
        "$$W = W_0 + \\Delta W = W_0 + BA, \\quad B \\in \\mathbb{R}^{d \\times r}, A \\in \\mathbb{R}^{r \\times k}",
        "$$h = W_0 x + \\frac{\\alpha}{r} B A x",
        "$$\\mathrm{LayerNorm}(x) = \\gamma \\odot \\frac{x - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}} + \\beta",
        "$$\\mathrm{RMSNorm}(x) = \\frac{x}{\\sqrt{\\frac{1}{d}\\sum_{i=1}^{d} x_i^2 + \\epsilon}} \\odot g",
        "$$\\mathrm{GELU}(x) = x \\Phi(x) \\approx 0.5 x \\left(1 + \\tanh\\left[\\sqrt{2/\\pi}\\left(x + 0.044715 x^3\\right)\\right]\\right)",
        "$$\\mathrm{SwiGLU}(x) = \\left(\\mathrm{Swish}(xW) \\otimes xV\\right) W_2",
        "$$PE_{(pos, 2i)} = \\sin\\left(\\frac{pos}{10000^{2i/d_{\\text{model}}}}\\right)",
        "$$\\theta_i = 10000^{-2(i-1)/d}, \\quad i \\in [1, 2, \\ldots, d/2]",
        "$$m_t = \\beta_1 m_{t-1} + (1 - \\beta_1) g_t",
        "$$\\hat{m}_t = \\frac{m_t}{1 - \\beta_1^t}, \\quad \\hat{v}_t = \\frac{v_t}{1 - \\beta_2^t}",
        "$$\\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{\\hat{v}_t} + \\epsilon} \\hat{m}_t",
        "$$\\mathcal{L}_{\\mathrm{DPO}} = -\\mathbb{E}_{(x, y_w, y_l)}\\left[\\log \\sigma\\left(\\beta \\log \\frac{\\pi_\\theta(y_w \\mid x)}{\\pi_{\\mathrm{ref}}(y_w \\mid x)} - \\beta \\log \\frac{\\pi_\\theta(y_l \\mid x)}{\\pi_{\\mathrm{ref}}(y_l \\mid x)}\\right)\\right]",
        "$$\\mathcal{L}_{\\text{InfoNCE}} = -\\log \\frac{\\exp(\\mathrm{sim}(q, k^+)/\\tau)}{\\sum_{i=0}^{K} \\exp(\\mathrm{sim}(q, k_i)/\\tau)}",
        "$$q(x_t \\mid x_{t-1}) = \\mathcal{N}\\left(x_t; \\sqrt{1 - \\beta_t} x_{t-1}, \\beta_t \\mathbf{I}\\right)",
        "$$x_t = \\sqrt{\\bar{\\alpha}_t} x_0 + \\sqrt{1 - \\bar{\\alpha}_t} \\epsilon, \\quad \\epsilon \\sim \\mathcal{N}(0, \\mathbf{I})",
        "$$\\mathcal{L}_{\\text{simple}} = \\mathbb{E}_{t, x_0, \\epsilon}\\left[\\left\\| \\epsilon - \\epsilon_\\theta(x_t, t) \\right\\|^2\\right]",
        "$$\\nabla_x \\log p(x) \\approx s_\\theta(x)",
        "$$L^{\\mathrm{CLIP}}(\\theta) = \\hat{\\mathbb{E}}_t\\left[\\min\\left(r_t(\\theta) \\hat{A}_t, \\mathrm{clip}(r_t(\\theta), 1 - \\epsilon, 1 + \\epsilon) \\hat{A}_t\\right)\\right]",
        "$$Q(s, a) \\leftarrow Q(s, a) + \\alpha \\left[r + \\gamma \\max_{a'} Q(s', a') - Q(s, a)\\right]",
        "$$V^\\pi(s) = \\mathbb{E}_\\pi\\left[\\sum_{k=0}^{\\infty} \\gamma^k r_{t+k+1} \\,\\middle|\\, s_t = s\\right]",
        "$$\\min_G \\max_D \\; \\mathbb{E}_{x \\sim p_{\\text{data}}}[\\log D(x)] + \\mathbb{E}_{z \\sim p_z}[\\log(1 - D(G(z)))]",
        "$$\\mathrm{BLEU} = \\mathrm{BP} \\cdot \\exp\\left(\\sum_{n=1}^{N} w_n \\log p_n\\right)",
        "$$\\mathrm{PPL} = \\exp\\left(-\\frac{1}{N} \\sum_{i=1}^{N} \\log p(w_i \\mid w_{<i})\\right)",
        "$$y = \\mathrm{Dropout}(x) = \\frac{m \\odot x}{1 - p}, \\quad m_i \\sim \\mathrm{Bernoulli}(1 - p)",
        "$$\\mathrm{MoE}(x) = \\sum_{i=1}^{N} G(x)_i E_i(x), \\quad G(x) = \\mathrm{TopK}(\\mathrm{softmax}(x W_g), k)",
        "$$\\mathcal{L}_{\\text{aux}} = \\alpha N \\sum_{i=1}^{N} f_i P_i",
        "$$y_{\\text{soft}} = \\mathrm{softmax}\\left(\\frac{\\log \\pi + g}{\\tau}\\right), \\quad g_i = -\\log(-\\log u_i)",
        "$$\\mathrm{IoU}(A, B) = \\frac{|A \\cap B|}{|A \\cup B|}",
        "$$\\mathrm{F}_1 = 2 \\cdot \\frac{\\mathrm{precision} \\cdot \\mathrm{recall}}{\\mathrm{precision} + \\mathrm{recall}}",
        "$$\\hat{y} = \\sigma(w^\\top x + b) = \\frac{1}{1 + e^{-(w^\\top x + b)}}",
        "$$\\mathcal{L}_{\\text{focal}} = -\\alpha_t (1 - p_t)^\\gamma \\log(p_t)",
        "$$\\mathrm{memory} \\approx 2\\Phi + 2\\Phi + 12\\Phi = 16\\Phi \\text{ bytes}",
        "$$S = QK^\\top \\in \\mathbb{R}^{N \\times N}, \\quad P = \\mathrm{softmax}(S), \\quad O = PV",
        "$$F_m(x) = F_{m-1}(x) + \\nu \\, \\gamma_m h_m(x)",
        "$$\\alpha_m = \\frac{1}{2} \\ln \\frac{1 - \\epsilon_m}{\\epsilon_m}",
        "$$\\mathrm{Var}[X] = \\mathbb{E}[X^2] - \\left(\\mathbb{E}[X]\\right)^2",
        "$$\\mathrm{Cov}(X, Y) = \\mathbb{E}\\left[(X - \\mu_X)(Y - \\mu_Y)\\right]",
        "$$H(p, q) = -\\sum_x p(x) \\log q(x) = H(p) + D_{\\mathrm{KL}}(p \\,\\|\\, q)",
        "$$I(X; Y) = \\sum_{x, y} p(x, y) \\log \\frac{p(x, y)}{p(x) p(y)}",
        "$$\\mathcal{N}(x \\mid \\mu, \\Sigma) = \\frac{1}{(2\\pi)^{d/2} |\\Sigma|^{1/2}} \\exp\\left(-\\frac{1}{2}(x - \\mu)^\\top \\Sigma^{-1} (x - \\mu)\\right)",
        "$$\\mathbb{1}[y = \\hat{y}]",
        "$$\\bm{h}_t = \\tanh(\\bm{W}_{hh} \\bm{h}_{t-1} + \\bm{W}_{xh} \\bm{x}_t)",
        "$$\\boldsymbol{\\mu} = \\frac{1}{N} \\sum_{n=1}^{N} \\boldsymbol{x}_n",
        "$$\\mathscr{L}(\\theta) \\text{ 与 } \\mathfrak{g} \\text{ 无关}",
        "$$\\text{损失} = \\text{交叉熵} + \\lambda \\cdot \\text{正则项}",
        "$$\\color{red}{x^2} + \\color{blue}{y^2}",
        "$$\\textcolor{red}{\\text{新增}} + \\textcolor{green}{\\Delta W}",
        "$$\\color{#d62728}{\\mathcal{L}_{\\text{task}}} + \\color{#1f77b4}{\\lambda \\Omega(\\theta)} + \\textcolor{fuchsia}{c}",
        "$$\\boxed{E = mc^2}",
        "$$\\cancel{\\frac{\\partial L}{\\partial b}} = 0",
        "$$A \\xrightarrow{f} B \\xleftarrow{g} C",
        "$$x \\xrightarrow[\\text{训练}]{\\text{梯度}} x'",
        "$$\\underbrace{a + b + \\cdots + z}_{26}",
        "$$\\overbrace{1 + 1 + \\cdots + 1}^{n \\text{ 个}}",
        "$$\\underbrace{\\log p(x \\mid z)}_{\\text{重建}} - \\underbrace{D_{\\mathrm{KL}}(q \\| p)}_{\\text{正则}}",
        "$$\\sum_{\\substack{i, j \\\\ i \\ne j}} a_{ij}",
        "$$\\prod_{\\substack{1 \\le i \\le n \\\\ 1 \\le j \\le m}} M_{ij}",
        "$$\\widehat{\\theta}_{\\mathrm{MLE}} = \\arg\\max_\\theta \\sum_i \\log p(x_i \\mid \\theta)",
        "$$\\widetilde{W} = W + \\widetilde{\\Delta}",
        "$$\\overrightarrow{AB} + \\overleftarrow{CD}",
        "$$\\left. \\frac{\\partial f}{\\partial x} \\right|_{x = 0}",
        "$$\\left( \\sum_{i} x_i \\middle/ n \\right)",
        "$$\\left\\{ x \\in \\mathbb{R} \\,\\middle|\\, x^2 < 1 \\right\\}",
        "$$\\left\\langle \\phi(x), \\phi(y) \\right\\rangle = k(x, y)",
        "$$\\left\\lVert \\nabla f(x) - \\nabla f(y) \\right\\rVert \\le L \\left\\lVert x - y \\right\\rVert",
        "$$\\left\\lfloor \\frac{n}{2} \\right\\rfloor + \\left\\lceil \\frac{n}{2} \\right\\rceil = n",
        "$$\\mathbb{E}\\Bigg[ \\sum_t \\Big( r_t + \\gamma V(s_{t+1}) \\Big) \\Bigg]",
    ],
    "environments": [
        "$$\\begin{aligned} \\log p(x) &= \\log \\int p(x, z) \\, dz \\\\ &\\ge \\mathbb{E}_{q}[\\log p(x, z) - \\log q(z)] \\end{aligned}",
        "$$\\begin{aligned} f(x) &= (x + 1)^2 \\\\ &= x^2 + 2x + 1 \\end{aligned}",
        "$$\\begin{aligned} a &= b & c &= d \\\\ e &= f & g &= h \\end{aligned}",
        "$$\\begin{align} \\nabla_W L &= \\delta x^\\top \\\\ \\nabla_b L &= \\delta \\end{align}",
        "$$\\begin{align*} x &= 1 \\\\ y &= 2 \\end{align*}",
        "$$\\begin{equation} E = mc^2 \\end{equation}",
        "$$\\begin{equation*} a^2 + b^2 = c^2 \\end{equation*}",
        "$$\\begin{gather} a = b \\\\ c = d \\end{gather}",
        "$$\\begin{gather*} x + y = z \\\\ u = v \\end{gather*}",
        "$$\\begin{gathered} \\mathrm{one} \\\\ \\mathrm{two} \\end{gathered}",
        "$$\\begin{equation} \\begin{split} (a + b)^2 &= a^2 + 2ab + b^2 \\\\ &\\ge 4ab \\end{split} \\end{equation}",
        "$$\\begin{split} L &= L_1 + L_2 \\\\ &= 3 \\end{split}",
        "$$\\begin{multline} a + b + c + d + e + f \\\\ + g + h + i + j + k \\end{multline}",
        "$$\\begin{multline*} p(x_1, \\ldots, x_n) = p(x_1) \\\\ \\cdot \\prod_{i=2}^n p(x_i \\mid x_{<i}) \\end{multline*}",
        "$$\\begin{alignat}{2} x &= y + z & \\quad a &= b \\end{alignat}",
        "$$\\begin{alignedat}{2} p &= q & r &= s \\end{alignedat}",
        "$$|x| = \\begin{cases} x & x \\ge 0 \\\\ -x & x < 0 \\end{cases}",
        "$$\\mathrm{ReLU}(x) = \\begin{cases} x, & \\text{若 } x > 0 \\\\ 0, & \\text{否则} \\end{cases}",
        "$$\\mathrm{clip}(x) = \\begin{cases} 1 - \\epsilon & x < 1 - \\epsilon \\\\ x & \\text{otherwise} \\\\ 1 + \\epsilon & x > 1 + \\epsilon \\end{cases}",
        "$$\\begin{array}{c|c} \\text{输入} & \\text{输出} \\\\ \\hline 0 & 1 \\\\ 1 & 0 \\end{array}",
        "$$\\begin{array}{|l|r|} \\hline a & 1 \\\\ \\hline b & 2 \\\\ \\hline \\end{array}",
        "$$\\begin{array}{ccc} 1 & 2 & 3 \\\\ 4 & 5 & 6 \\end{array}",
        "$$\\left[\\begin{array}{cc|c} 1 & 0 & 2 \\\\ 0 & 1 & 3 \\end{array}\\right]",
        "$$E = mc^2 \\tag{1}",
        "$$a^2 + b^2 = c^2 \\tag{勾股}",
        "$$x = y \\tag*{(*)}",
        "$$f(x) = 0 \\label{eq:gallery-zero}",
        "$$a = b \\\\ c = d",
        "$$x_1 = 1 \\\\ x_2 = 2 \\\\ x_3 = 3",
        "$$\\begin{equation} \\begin{aligned} p(\\theta \\mid D) &\\propto p(D \\mid \\theta) p(\\theta) \\end{aligned} \\label{eq:gallery-bayes} \\end{equation}",
        "$$\\begin{align} a &= b \\label{eq:gallery-a} \\\\ c &= d \\nonumber \\\\ e &= f \\notag \\end{align}",
        "$$\\begin{equation} \\eqref{eq:gallery-bayes} \\Rightarrow \\ref{eq:gallery-a} \\end{equation}",
        "$$\\begin{eqnarray} a &=& b \\\\ c &=& d \\end{eqnarray}",
    ],
    "macros": [
        "$$\\newcommand{\\R}{\\mathbb{R}} x \\in \\R^d",
        "$$\\newcommand{\\norm}[1]{\\left\\lVert #1 \\right\\rVert} \\norm{x - y}_2",
        "$$\\def\\vx{\\mathbf{x}} \\vx^\\top \\vx",
        "$$\\DeclareMathOperator{\\Tr}{Tr} \\Tr(A B) = \\Tr(B A)",
        "$$\\DeclareMathOperator*{\\esssup}{ess\\,sup} \\esssup_{x} f(x)",
        "$$\\renewcommand{\\vec}[1]{\\boldsymbol{#1}} \\vec{v}",
        "\\mbox{s.t.} \\; x \\ge 0",
        "\\mathbbm{1}_{\\{x > 0\\}}",
        "\\text{sentence_length} \\times \\text{batch_size}",
        "\\text{if $x > 0$ then } y",
        "\\small{\\text{注}} x",
        "1, \\dotsc, n",
    ],
}

for env in _MATRIX_ENVS:
    for body in _MATRIX_BODIES:
        GROUPS["environments"].append(f"$$\\begin{{{env}}} {body} \\end{{{env}}}")
for font in _FONTS:
    for letters in ("A", "x", "R", "\\theta" if font in ("boldsymbol", "bm") else "L"):
        GROUPS["basics"].append(f"\\{font}{{{letters}}}")
for accent in _ACCENTS:
    for argument in ("x", "AB", "\\theta"):
        GROUPS["basics"].append(f"\\{accent}{{{argument}}}")
for size in _SIZES:
    for left, right in _DELIMITERS:
        GROUPS["basics"].append(f"\\{size}l{left} x \\{size}r{right}")
for left, right in _DELIMITERS:
    GROUPS["basics"].append(f"\\left{left} \\frac{{a}}{{b}} \\right{right}")


def formulas() -> list[tuple[str, str, bool]]:
    """(group, TeX, display) for every formula of the gallery."""
    out = []
    for group, items in GROUPS.items():
        for item in items:
            display = item.startswith("$$")
            out.append((group, item[2:] if display else item, display))
    return out


def markdown() -> str:
    """The gallery as one post body (the browser test and screenshots build it)."""
    lines = ["# 公式画廊", ""]
    for group, items in GROUPS.items():
        lines += [f"## {group}", ""]
        for item in items:
            if item.startswith("$$"):
                lines += ["$$", item[2:], "$$", ""]
            else:
                lines += [f"行内：${item}$。", ""]
    return "\n".join(lines)
