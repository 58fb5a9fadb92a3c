const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const STYLE = 'body{font:18px/1.5 system-ui,sans-serif;margin:0;padding:24px;color:#1b2430;background:#f6f8fa}main{max-width:32em;margin:auto}h1{font-size:1.4em;margin:.2em 0}.ok{color:#12693a}.bad{color:#9b1c1c}p{margin:.6em 0}.muted{color:#555}';

/** The page a phone sees when it opens a test code: plain HTML, readable with JavaScript off. */
export function renderTestPage(state: { reached: true; browser: string } | { reached: false }): string {
  const body = state.reached
    ? `<h1 class="ok">✓ Điện thoại đã kết nối được tới máy chủ</h1>
<p>Máy tính của ban tổ chức đã nhận được tín hiệu từ điện thoại này (${escape(state.browser)}). Đại biểu quét mã thật ở đây cũng sẽ mở được tài liệu.</p>
<p id="probe" class="muted" data-rtt="Thời gian phản hồi: {ms} ms" data-secure="kết nối an toàn: đọc lại được khi mất mạng" data-insecure="kết nối thường (không HTTPS): không lưu được tài liệu để đọc khi mất mạng"></p>
<p class="muted">Đây chỉ là mã quét thử, không được tính vào số lượt xem. Bạn có thể đóng trang này.</p>`
    : `<h1 class="bad">Mã quét thử đã hết hạn</h1>
<p>Mã này chỉ dùng được 30 phút. Hãy bấm “Quét thử” trên máy tính để tạo mã mới.</p>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>QRHop — quét thử</title><style>${STYLE}</style></head><body><main>${body}</main>${state.reached ? '<script src="/t/_/probe.js" defer></script>' : ''}</body></html>`;
}
