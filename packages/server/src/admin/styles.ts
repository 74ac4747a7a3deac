import { createHash } from 'node:crypto';

/** The console's whole stylesheet, inlined in every page and allowed by its CSP hash. */
export const CSS = `
*,*::before,*::after{box-sizing:border-box}
:root{--bg:#f5f6f8;--panel:#fff;--line:#e4e7ec;--line-strong:#d0d5dd;--text:#101828;--muted:#667085;--accent:#b42318;--accent-dark:#912018;--accent-soft:#fef3f2;--ok:#027a48;--ok-soft:#ecfdf3;--warn:#b54708;--warn-soft:#fffaeb;--mono:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue","Noto Sans","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:14px;line-height:1.5;color:var(--text);background:var(--bg);-webkit-font-smoothing:antialiased}
body{margin:0}
a{color:var(--accent);text-decoration:none}
a:hover{text-decoration:underline}
h1,h2,h3{margin:0;font-weight:650;letter-spacing:-.01em}
code{font-family:var(--mono);font-size:12px;background:#f2f4f7;padding:1px 5px;border-radius:4px}
.shell{display:grid;grid-template-columns:236px 1fr;min-height:100vh}
.sidebar{background:#101828;color:#d0d5dd;padding:22px 14px;display:flex;flex-direction:column;gap:26px}
.brand{display:flex;align-items:baseline;gap:8px;padding:0 10px;color:#fff;font-size:19px;font-weight:700}
.brand small{color:#98a2b3;font-size:12px;font-weight:500}
.nav{display:grid;gap:2px}
.nav-title{margin:0 0 6px;padding:0 10px;color:#98a2b3;font-size:11px;font-weight:600;letter-spacing:.08em;text-transform:uppercase}
.nav a{display:block;padding:7px 10px;border-radius:6px;color:#d0d5dd}
.nav a:hover{background:#1d2939;text-decoration:none}
.nav a[aria-current]{background:#344054;color:#fff;font-weight:600}
.main{display:flex;flex-direction:column;min-width:0}
.topbar{display:flex;align-items:center;justify-content:space-between;gap:16px;padding:14px 32px;background:var(--panel);border-bottom:1px solid var(--line)}
.topbar h1{font-size:18px}
.who{display:flex;align-items:center;gap:16px;color:var(--muted);font-size:13px}
.who strong{color:var(--text);font-weight:600}
.langs{display:flex;gap:8px}
.langs a[aria-current]{color:var(--text);font-weight:600}
.content{display:flex;flex-direction:column;gap:20px;width:100%;max-width:1200px;padding:24px 32px 56px}
.tabs{display:flex;gap:4px;border-bottom:1px solid var(--line)}
.tabs a{margin-bottom:-1px;padding:8px 14px;border-bottom:2px solid transparent;color:var(--muted);font-weight:500}
.tabs a:hover{color:var(--text);text-decoration:none}
.tabs a[aria-current]{border-color:var(--accent);color:var(--text);font-weight:600}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:20px 22px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.card h2{font-size:15px}
.card h2+form{margin-top:14px}
.card.flush{padding:0;overflow:auto}
.card.flush h2{padding:16px 20px 0}
.card.flush .caption{padding:0 20px}
.caption{margin:4px 0 16px;color:var(--muted);font-size:13px}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(400px,1fr));gap:20px}
.stats{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:16px}
.stat{padding:16px 20px}
.stat span{color:var(--muted);font-size:13px}
.stat b{display:block;margin-top:2px;font-size:26px;font-weight:650;font-variant-numeric:tabular-nums}
table{width:100%;border-collapse:collapse}
th,td{padding:11px 16px;border-bottom:1px solid var(--line);text-align:left;vertical-align:middle}
th{background:#f9fafb;color:var(--muted);font-size:12px;font-weight:600;letter-spacing:.03em;white-space:nowrap}
tr:last-child td{border-bottom:0}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}
td.error{max-width:460px;font-family:var(--mono);font-size:12px;overflow-wrap:anywhere}
td.error summary{margin-top:4px;color:var(--muted);cursor:pointer}
td.error pre{margin:6px 0 0;color:var(--muted);font-size:11px;white-space:pre-wrap}
.empty{padding:28px 20px;color:var(--muted);text-align:center}
form{margin:0}
.inline{display:flex;align-items:center;gap:8px}
.row{display:flex;flex-wrap:wrap;align-items:flex-start;gap:12px}
.row .submit{padding-top:24px}
label{display:flex;flex-direction:column;gap:5px;font-size:13px;font-weight:500}
label.check{flex-direction:row;align-items:center;gap:8px}
.hint{color:var(--muted);font-size:12px;font-weight:400}
input[type=text],input[type=email],input[type=url],input[type=password],input[type=number],select,textarea{min-width:0;padding:7px 10px;border:1px solid var(--line-strong);border-radius:6px;background:#fff;color:var(--text);font:inherit}
textarea{font-family:var(--mono);font-size:12px}
input:focus,select:focus,textarea:focus{border-color:var(--accent);outline:3px solid #fee4e2}
button{padding:7px 14px;border:1px solid var(--accent);border-radius:6px;background:var(--accent);color:#fff;font:inherit;font-weight:600;cursor:pointer;white-space:nowrap}
button:hover{background:var(--accent-dark)}
button.secondary{border-color:var(--line-strong);background:#fff;color:#344054}
button.secondary:hover{background:#f9fafb}
button.link{padding:0;border:0;background:none;color:#d0d5dd;font-weight:500}
button.link:hover{background:none;color:#fff}
.who button.link{color:var(--accent)}
.pill{display:inline-block;padding:2px 10px;border-radius:999px;background:#f2f4f7;color:#344054;font-size:12px;font-weight:600}
.pill.on{background:var(--ok-soft);color:var(--ok)}
.pill.warn{background:var(--warn-soft);color:var(--warn)}
.notice{padding:11px 16px;border:1px solid #abefc6;border-radius:8px;background:var(--ok-soft);color:#054f31}
.notice.warn{border-color:#fedf89;background:var(--warn-soft);color:#7a2e0e}
.secret{display:grid;gap:8px}
.secret input{width:100%;font-family:var(--mono);font-size:13px}
.field-error{color:var(--accent);font-size:12px;font-weight:500}
.invalid input,.invalid select,.invalid textarea{border-color:var(--accent);background:var(--accent-soft)}
fieldset{display:grid;gap:14px;margin:0;padding:12px 16px 16px;border:1px solid var(--line);border-radius:8px}
legend{padding:0 6px;font-weight:600}
.config{display:grid;gap:14px;max-width:560px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:0 0 8px}
.facts dt{color:var(--muted)}
.facts dd{margin:0}
.module,.webhook{display:grid;gap:16px}
.module-head,.webhook-head{display:flex;align-items:flex-start;justify-content:space-between;gap:16px}
.module-head h2,.webhook-head h2{display:flex;align-items:center;gap:10px}
.module-head p,.webhook-head p{margin:4px 0 0;color:var(--muted)}
.webhook-head .actions{display:flex;gap:8px;flex-shrink:0}
.webhook-head .url{font-family:var(--mono);font-size:14px;overflow-wrap:anywhere}
.tags{display:flex;flex-wrap:wrap;gap:6px}
.checks{grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:8px 16px}
.checks .field-error{grid-column:1/-1}
.chart{display:block;width:100%;height:auto}
.chart[data-chart=pyramid],.chart[data-chart=funnel]{max-width:560px}
.chart[data-chart=line],.chart[data-chart=bar]{max-width:760px}
.stats.compact{grid-template-columns:repeat(auto-fit,minmax(130px,1fr));margin:16px 0}
.stats.compact .stat{padding:0}
.stats.compact .stat b{font-size:18px}
.chart text{fill:#344054;font-family:inherit;font-size:13px}
.chart .count{fill:#101828;font-weight:650}
.chart text.sub{fill:var(--muted);font-size:12px}
.stack{display:grid;gap:12px;max-width:560px}
.stack-cards{display:flex;flex-direction:column;gap:20px;min-width:0}
.split{display:grid;grid-template-columns:minmax(0,3fr) minmax(280px,2fr);gap:20px;align-items:start}
.pad{padding:0 20px 12px}
ul.plain{margin:8px 0 0;padding:0;list-style:none;display:grid;gap:6px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px;margin:12px 0 0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
ol.timeline{margin:0;padding:0 20px 16px;list-style:none;display:grid;gap:0}
ol.timeline li{display:grid;grid-template-columns:150px max-content 1fr;gap:12px;align-items:baseline;padding:9px 0;border-bottom:1px solid var(--line)}
ol.timeline li:last-child{border-bottom:0}
ol.timeline time{color:var(--muted);font-size:12px;font-variant-numeric:tabular-nums}
.rule{margin:0;padding:10px 16px;border-left:3px solid var(--accent);background:var(--panel);color:#344054;font-size:13px}
.blocks{display:flex;flex-direction:column;gap:20px}
.block-heading{font-size:16px}
.block-text{margin:0}
.widget{display:flex;flex-direction:column;gap:12px}
.widget-head{display:flex;align-items:baseline;justify-content:space-between}
.widget-head h2{font-size:15px}
progress{width:100%;height:12px;margin:12px 0 4px}
.who .pill{margin-left:8px}
.center{display:grid;min-height:100vh;place-items:center;padding:24px}
.auth{display:grid;gap:18px;width:100%;max-width:420px}
.auth-head{display:flex;align-items:center;justify-content:space-between;gap:16px}
.auth .brand{padding:0;color:var(--text)}
.auth .card{display:grid;gap:16px;padding:28px}
.auth .card h2{font-size:18px}
.auth form{display:grid;gap:14px}
.auth p{margin:0}
`;

export const CSS_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;
