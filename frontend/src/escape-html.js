/* Stands in for `sanitize-html` (with postcss, htmlparser2 and entities: ~230 KB of the bundle before
 * compression), which ipywidgets uses only for descriptions marked `description_allow_html`. The dashboard
 * never marks one (tests/test_frontend_bundle.py checks the widgets it builds), so any such description is
 * shown as text: every character that could start markup is escaped, nothing is interpreted. */
const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export default function escapeHtml(source) {
  return String(source).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}
