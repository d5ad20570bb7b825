"""The plan page's only stylesheet, inlined: readable on screen, clean on A4 and US Letter paper.

No web fonts, no images, no imports: the page must make no request at all.
"""

PLAN_CSS = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { font-size: 112.5%; }
body {
  margin: 0 auto; max-width: 46rem; padding: 1.5rem 1rem 3rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
  line-height: 1.5; color: #1a1a1a; background: #ffffff;
}
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.75rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 0.75rem; padding-bottom: 0.2rem; border-bottom: 2px solid #1a1a1a; }
h3 { font-size: 1.15rem; margin: 1.25rem 0 0.4rem; }
p { margin: 0.4rem 0; }
a { color: #0a3d75; text-decoration: underline; overflow-wrap: anywhere; }
a:focus-visible, input:focus-visible { outline: 3px solid #0a3d75; outline-offset: 2px; }
.notice { border: 2px solid #1a1a1a; padding: 0.6rem 0.8rem; font-weight: 600; }
.reviewed, .cites { color: #333333; }
.block { border-left: 4px solid #1a1a1a; padding: 0.1rem 0 0.1rem 0.8rem; margin: 0.8rem 0; }
#block-safety { border-left-width: 8px; }
.glossary dt { font-weight: 600; margin-top: 0.5rem; }
.glossary dd { margin: 0.1rem 0 0 1rem; }
.reason, .group, .worry, .block { break-inside: avoid; page-break-inside: avoid; }
.checklist { list-style: none; padding-left: 0; }
.checklist li { display: grid; grid-template-columns: 1.6rem 1fr; column-gap: 0.5rem; margin: 0 0 0.7rem; }
.checklist input { width: 1.2rem; height: 1.2rem; margin: 0.2rem 0 0; }
.checklist label { font-weight: 600; }
.checklist .how { grid-column: 2; margin: 0.1rem 0 0; }
li { break-inside: avoid; page-break-inside: avoid; }
.sources li { margin-bottom: 0.4rem; }
.term { font-weight: 600; }
time { white-space: nowrap; }
@page { margin: 16mm 15mm 18mm; }
@media print {
  html { font-size: 11.5pt; }
  body { max-width: none; padding: 0; color: #000000; }
  a { color: #000000; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .notice { border-color: #000000; }
  .reviewed, .cites { color: #000000; }
  a.external::after { content: " (" attr(href) ")"; font-size: 0.9em; }
}
"""
