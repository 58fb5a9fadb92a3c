import { SIGNATURE_CSS } from '../signatures/render-signature-badge';

/**
 * The delegate page's whole style, inlined: no extra request on a slow link.
 * Dark text on white and a deep blue accent: every pair passes WCAG AA (≥ 4.5:1).
 * Tap targets are at least 48 px high.
 */
export const PAGE_CSS = `*{box-sizing:border-box}body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f4f5f7}
header{background:#0b3d91;color:#fff;padding:14px 16px}h1{font-size:1.2rem;margin:0}header p{margin:4px 0 0;font-size:.9rem;color:#e6ecf7}
main{max-width:640px;margin:0 auto;padding:4px 12px 24px}h2{font-size:1.05rem;margin:18px 4px 4px}.meta{color:#4a4f57;font-size:.9rem;margin:0 4px 8px}
ul{list-style:none;margin:0;padding:0}li{background:#fff;border:1px solid #c9cdd4;border-radius:10px;margin:8px 0;display:flex;flex-wrap:wrap}
.doc{flex:1 1 60%;display:block;padding:12px;min-height:60px;text-decoration:none;color:#1a1a1a}.doc b{display:block;font-weight:600;color:#0b2a66}
.doc span{font-size:.85rem;color:#4a4f57}.btn{display:flex;align-items:center;justify-content:center;min-width:72px;min-height:48px;padding:0 12px;color:#0b3d91;font-size:.9rem;font-weight:600;text-decoration:none;border-left:1px solid #c9cdd4}
.act{display:flex;flex-basis:100%;border-top:1px solid #c9cdd4}.act .btn{flex:1 1 0;text-align:center;padding:4px 8px}.act .btn:first-child{border-left:0;flex-grow:2}
.act .main{background:#0b3d91;color:#fff;border-radius:0 0 0 9px}
.cn{font-size:.85rem;color:#5c4300}.badge{display:inline-block;font-size:.75rem;font-weight:700;padding:1px 6px;border-radius:8px;margin-left:6px;background:#fff3c4;color:#5c4300}
.note{background:#fff;border-left:4px solid #0b3d91;padding:12px;border-radius:6px;margin:12px 0}.note h2{margin:0 0 6px}.note p{margin:6px 0}.empty{color:#4a4f57;padding:6px 4px}
label{display:block;font-weight:600;margin:8px 0 4px}input{font:inherit;font-size:1.3rem;letter-spacing:.2em;width:100%;max-width:16rem;padding:10px 12px;border:2px solid #4a4f57;border-radius:8px}
button{display:block;font:inherit;font-weight:600;margin-top:12px;min-height:48px;padding:0 20px;border:0;border-radius:8px;background:#0b3d91;color:#fff}
.err{color:#a30000;font-weight:600}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
.book li{border:2px solid #0b3d91;background:#eef3fc}.book .meta{flex-basis:100%;padding:8px 12px 4px;margin:0}
footer{text-align:center;font-size:.9rem;padding:4px 8px 16px}footer a{color:#0b3d91;display:inline-block;padding:12px}
${SIGNATURE_CSS}`;
