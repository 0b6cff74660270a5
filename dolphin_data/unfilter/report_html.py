"""The unfilter report as one self-contained HTML inspection page (no network, no external assets).

Static part (readable without scripts): totals, the classifier (model, threshold, score distribution), the rules
with hits / conversations / rejected / repaired and each rule's precision on the labelled dev set, per-source
funnels, languages. Interactive part (inline script over an embedded JSON blob): every reject, repair, near miss and
ignored match the summaries kept, paged (50 a page), filterable by rule, verdict and source, with text search;
"N shown of M" everywhere; the span highlighted in its context; repairs as a before/after diff (removed text struck
through, then the repaired reply). The view state lives in the URL fragment (``#view=rejects&rule=...&q=...&page=2``)
so a filtered view can be linked, and so the headless-Chromium test can drive it.

Rows are embedded as arrays with string tables (ids, sources, reasons, rules), which keeps 100k rejects under 20 MB.
The rule filter lists a reject under every rule that fired on it, not only the one it is named after.
"""

from __future__ import annotations

import html
from typing import Any

import orjson

PAGE = 50

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:80rem;padding:0 1rem;color:#1d232a}
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ccd}
table{border-collapse:collapse;margin:.5rem 0}th,td{border:1px solid #d5d9e0;padding:.2rem .5rem;text-align:left;
vertical-align:top}th{background:#f1f3f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
.item{border:1px solid #d5d9e0;border-radius:6px;padding:.4rem .7rem;margin:.4rem 0;background:#fafbfc}
.item pre{white-space:pre-wrap;word-wrap:break-word;margin:.3rem 0;font:13px/1.4 ui-monospace,Menlo,monospace}
mark{background:#ffd54f}del{background:#ffd0d0}.meta{color:#5b6673;font-size:12px}
.bar{display:inline-block;background:#4a78c2;height:10px}#controls{position:sticky;top:0;background:#fff;
padding:.4rem 0;border-bottom:1px solid #ddd}#controls select,#controls input{margin-right:.5rem}
nav button{margin-right:.3rem}button.on{font-weight:bold}
"""

_JS = r"""
(function(){
const D = JSON.parse(document.getElementById('data').textContent);
const S = D.strings;
const VIEWS = {
  rejects: {rows: D.rejects, total: D.totals.rejects, rule: r => r[10].map(i => S[i]), verdict: r => S[r[3]], source: r => S[r[1]],
            text: r => S[r[0]] + ' ' + r[6] + r[7] + r[8] + ' ' + S[r[2]], draw: drawReject},
  repairs: {rows: D.repairs, total: D.totals.repairs, rule: r => S[r[3]], verdict: r => 'repaired', source: r => S[r[1]],
            text: r => S[r[0]] + ' ' + r[4] + ' ' + r[7], draw: drawRepair},
  near: {rows: D.near, total: D.near.length, rule: r => 'classifier', verdict: r => 'kept', source: r => S[r[1]],
         text: r => S[r[0]] + ' ' + r[4], draw: drawNear},
  ignored: {rows: D.ignored, total: D.totals.ignored, rule: r => S[r[3]], verdict: r => 'kept', source: r => S[r[1]],
            text: r => S[r[0]] + ' ' + r[4], draw: drawIgnored},
};
const $ = id => document.getElementById(id);
const esc = s => String(s).replace(/[&<>"]/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
function state(){
  const p = new URLSearchParams(location.hash.slice(1));
  return {view: VIEWS[p.get('view')] ? p.get('view') : 'rejects', rule: p.get('rule') || '', verdict: p.get('verdict') || '',
          source: p.get('source') || '', q: p.get('q') || '', page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1)};
}
function setState(st){
  const p = new URLSearchParams();
  for (const k of ['view','rule','verdict','source','q']) if (st[k]) p.set(k, st[k]);
  if (st.page > 1) p.set('page', st.page);
  location.hash = p.toString();
}
function options(sel, values, cur, label){
  sel.innerHTML = '<option value="">' + label + ' (all)</option>' +
    values.map(v => '<option' + (v === cur ? ' selected' : '') + ' value="' + esc(v) + '">' + esc(v) + '</option>').join('');
}
function drawReject(r){
  const score = r[5] === null ? '' : ' · score ' + r[5];
  return '<div class="item reject"><div class="meta">' + esc(S[r[0]]) + ' · ' + esc(S[r[1]]) + ' · <b>' + esc(S[r[2]]) +
    '</b> · ' + esc(S[r[3]]) + (r[4] >= 0 ? ' · turn ' + r[4] : '') + score + '</div><pre>' + esc(r[6]) +
    '<mark>' + esc(r[7]) + '</mark>' + esc(r[8]) + '</pre></div>';
}
function drawRepair(r){
  return '<div class="item repair"><div class="meta">' + esc(S[r[0]]) + ' · ' + esc(S[r[1]]) + ' · turn ' + r[2] + ' · ' +
    esc(S[r[3]]) + ' · ' + r[5] + ' → ' + r[6] + ' chars</div><pre><del>' + esc(r[4]) + '</del></pre><pre>' +
    esc(r[7]) + '</pre></div>';
}
function drawNear(r){
  return '<div class="item near"><div class="meta">' + esc(S[r[0]]) + ' · ' + esc(S[r[1]]) + ' · turn ' + r[2] +
    ' · score ' + r[3] + ' (kept)</div><pre><mark>' + esc(r[4]) + '</mark></pre></div>';
}
function drawIgnored(r){
  return '<div class="item ignored"><div class="meta">' + esc(S[r[0]]) + ' · ' + esc(S[r[1]]) + ' · turn ' + r[2] +
    ' · ' + esc(S[r[3]]) + ' (inside code or a quotation: ignored)</div><pre><mark>' + esc(r[4]) + '</mark></pre></div>';
}
function render(){
  const st = state(), V = VIEWS[st.view];
  for (const b of document.querySelectorAll('nav button')) b.className = b.dataset.view === st.view ? 'on' : '';
  const uniq = f => [...new Set(V.rows.flatMap(r => [].concat(f(r))))].sort();
  const has = (v, want) => [].concat(v).includes(want);
  options($('rule'), uniq(V.rule), st.rule, 'rule');
  options($('verdict'), uniq(V.verdict), st.verdict, 'verdict');
  options($('source'), uniq(V.source), st.source, 'source');
  $('q').value = st.q;
  const q = st.q.toLowerCase();
  const rows = V.rows.filter(r => (!st.rule || has(V.rule(r), st.rule)) && (!st.verdict || V.verdict(r) === st.verdict) &&
    (!st.source || V.source(r) === st.source) && (!q || V.text(r).toLowerCase().includes(q)));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE)), page = Math.min(st.page, pages);
  const slice = rows.slice((page - 1) * PAGE, page * PAGE);
  $('count').textContent = slice.length + ' shown of ' + rows.length + ' matching (' + V.rows.length +
    ' in this report, ' + V.total + ' in total) · page ' + page + ' of ' + pages;
  $('list').innerHTML = slice.map(V.draw).join('') || '<p>nothing matches</p>';
  $('prev').disabled = page <= 1; $('next').disabled = page >= pages;
}
function change(k, v){ const st = state(); st[k] = v; if (k !== 'page') st.page = 1; if (k === 'view') { st.rule = st.verdict = st.source = ''; } setState(st); }
for (const b of document.querySelectorAll('nav button')) b.onclick = () => change('view', b.dataset.view);
for (const k of ['rule','verdict','source']) $(k).onchange = e => change(k, e.target.value);
$('q').oninput = e => change('q', e.target.value);
$('prev').onclick = () => change('page', state().page - 1);
$('next').onclick = () => change('page', state().page + 1);
for (const a of document.querySelectorAll('a.rule')) a.onclick = e => { e.preventDefault(); const st = state();
  st.view = 'rejects'; st.rule = a.dataset.rule; st.page = 1; setState(st); };
window.addEventListener('hashchange', render);
render();
})();
"""


def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _table(
    headers: list[str], rows: list[list[Any]], numeric: set[int] | None = None, raw: set[int] | None = None
) -> str:
    numeric, raw = numeric or set(), raw or set()
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td>{v}</td>"
            if i in raw
            else f'<td class="n">{_e(_fmt(v))}</td>'
            if i in numeric
            else f"<td>{_e(v)}</td>"
            for i, v in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:.2%}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


class _Strings:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def __call__(self, s: str) -> int:
        i = self.index.get(s)
        if i is None:
            i = self.index[s] = len(self.index)
        return i


def embedded_data(rep: dict[str, Any]) -> dict[str, Any]:
    """The lists of every source as compact rows over one string table."""
    st = _Strings()
    rejects, repairs, near, ignored = [], [], [], []
    totals = {"rejects": 0, "repairs": 0, "ignored": 0}
    for s in rep["sources"]:
        totals["rejects"] += s["rejects_total"]
        totals["repairs"] += s["repairs_total"]
        totals["ignored"] += s["ignored_total"]
        for r in s["rejects"]:
            rules = [st(x) for x in r.get("rules") or [r.get("rule") or r["reason"]]]
            rejects.append(
                [
                    st(r["id"]),
                    st(r["source"]),
                    st(r["reason"]),
                    st(r.get("verdict") or "-"),
                    r.get("turn", -1),
                    r.get("score"),
                    r["before"],
                    r["match"],
                    r["after"],
                    st(r.get("rule") or r["reason"]),
                    rules,
                ]
            )
        for r in s["repairs"]:
            repairs.append(
                [
                    st(r["id"]),
                    st(r["source"]),
                    r["turn"],
                    st(r["rule"]),
                    r["removed"],
                    r["before_chars"],
                    r["after_chars"],
                    r.get("after", ""),
                ]
            )
        for r in s["near_misses"]:
            near.append([st(r["id"]), st(r["source"]), r["turn"], r["score"], r["text"]])
        for r in s["ignored"]:
            ignored.append([st(r["id"]), st(r["source"]), r["turn"], st(r["rule"]), r["text"]])
    return {
        "strings": list(st.index),
        "rejects": rejects,
        "repairs": repairs,
        "near": near,
        "ignored": ignored,
        "totals": totals,
    }


def _histogram(scores: dict[str, int]) -> str:
    if not scores:
        return "<p>No reply had a candidate sentence for the classifier.</p>"
    top = max(scores.values())
    rows = [
        [f"{k}–{float(k) + 0.1:.1f}", v, f'<span class="bar" style="width:{max(1, round(200 * v / top))}px"></span>']
        for k, v in scores.items()
    ]
    return _table(["P(refusal act)", "replies", ""], rows, {1}, {2})


def render_html(rep: dict[str, Any]) -> str:
    t = rep["totals"]
    info = rep.get("rules_info", {})
    clf = rep.get("classifier", {})
    dev = clf.get("dev") or {}
    rule_rows = [
        [
            f'<a class="rule" href="#view=rejects&amp;rule={_e(r["rule"])}" data-rule="{_e(r["rule"])}">'
            f"{_e(r['rule'])}</a>",
            r["layer"],
            r["hits"],
            r["conversations"],
            r["share"],
            r["rejected"],
            r["repaired"],
            "-" if r.get("dev_precision") is None else f"{r['dev_precision']:.3f}",
            r.get("dev_fired", 0),
        ]
        for r in rep["rules"]
    ]
    # "<" only occurs inside JSON strings: escaped, no reply text can close the data block or read as markup
    data = orjson.dumps(embedded_data(rep)).decode().replace("<", "\\u003c")
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>unfilter report</title><style>{_CSS}</style></head><body>",
        "<h1>unfilter report</h1>",
        f'<p class="meta">policy <code>{_e(rep["params"].get("policy", "?"))}</code>; lexicon '
        f"v{_e(info.get('lexicon_version', '?'))} ({_e(info.get('lexicon_entries', '?'))} entries); "
        f"{len(info.get('regex_rules', []))} regex rules; checked roles "
        f"<code>{_e(', '.join(rep['params'].get('roles', [])))}</code></p>",
        '<h2 id="totals">Totals</h2>',
        _table(
            ["in", "dropped (refusal)", "dropped (language)", "repaired", "turns dropped", "truncated", "kept"],
            [
                [
                    t.get("in", 0),
                    t.get("dropped_refusal", 0),
                    t.get("dropped_language", 0),
                    t.get("repaired", 0),
                    t.get("turns_dropped", 0),
                    t.get("truncated", 0),
                    t.get("kept", 0),
                ]
            ],
            set(range(7)),
        ),
        '<h2 id="classifier">Classifier</h2>',
        f'<p>model <code>{_e(clf.get("model"))}</code>, threshold <b id="threshold">{_e(clf.get("threshold"))}</b> '
        f"(P(refusal act) of a reply's candidate sentences; at or above it the reply is a refusal). "
        f"Dev set: precision {_e(dev.get('precision', '-'))}, fired {_e(dev.get('fired', '-'))}.</p>",
        _histogram(clf.get("scores", {})),
        '<h2 id="rules">Rules</h2>',
        '<p class="meta">hits: spans; conversations: with at least one hit; rejected: conversations dropped with this '
        "rule as reason; repaired: removed pieces; dev precision: share of the labelled dev replies this rule fires on "
        "that deserve its action (click a rule to list its rejects).</p>",
        _table(
            ["rule", "layer", "hits", "conversations", "share", "rejected", "repaired", "dev precision", "dev fired"],
            rule_rows,
            {2, 3, 4, 5, 6, 8},
            {0},
        )
        if rule_rows
        else "<p>No rule fired.</p>",
        '<h2 id="funnel">Per source</h2>',
        _table(
            ["source", "in", "dropped (refusal)", "dropped (language)", "repaired", "kept"],
            [
                [
                    s["source"],
                    s["funnel"]["in"],
                    s["funnel"]["dropped_refusal"],
                    s["funnel"]["dropped_language"],
                    s["funnel"]["repaired"],
                    s["funnel"]["kept"],
                ]
                for s in rep["sources"]
            ],
            {1, 2, 3, 4, 5},
        ),
    ]
    if rep["languages"]:
        total = sum(rep["languages"].values())
        parts += [
            '<h2 id="languages">Languages</h2>',
            _table(
                ["language", "conversations", "share"],
                [[k, v, round(v / total, 6)] for k, v in rep["languages"].items()],
                {1, 2},
            ),
        ]
    parts += [
        '<h2 id="inspect">Inspect</h2>',
        '<div id="controls"><nav><button data-view="rejects">rejects</button><button data-view="repairs">repairs'
        '</button><button data-view="near">near misses</button><button data-view="ignored">ignored in code/quotes'
        '</button></nav><select id="rule"></select><select id="verdict"></select><select id="source"></select>'
        '<input id="q" type="search" placeholder="search text or id"><button id="prev">prev</button>'
        '<button id="next">next</button> <span id="count"></span></div><div id="list"></div>',
    ]
    for s in rep["sources"]:
        if s["kept_sample"]:
            parts.append(f"<h2>Kept: random sample of {_e(s['source'])} ({len(s['kept_sample'])})</h2>")
            for k in s["kept_sample"]:
                meta = f"{k['id']} · {k['turns']} turns" + (f" · {k['lang']}" if "lang" in k else "")
                parts.append(
                    f'<div class="item"><div class="meta">{_e(meta)}</div><pre><b>human:</b> {_e(k["human"])}'
                    f"</pre><pre><b>gpt:</b> {_e(k['gpt'])}</pre></div>"
                )
    parts += [
        f'<script type="application/json" id="data">{data}</script>',
        f"<script>const PAGE = {PAGE};{_JS}</script></body></html>\n",
    ]
    return "\n".join(parts)
