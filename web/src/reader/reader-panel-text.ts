import type { ConsoleLang } from '../../../shared/i18n/console';

type Params = Record<string, string | number>;

// The reader panel's words (kept beside it while the console's catalogue is being reworked by the reader's row statuses).
const TEXT = {
  vi: {
    working: 'Đang tạo bản đọc trên điện thoại cho “{title}” ngay trên trình duyệt này: trang {done}/{total}. Giữ trang này mở.',
    waiting: 'Máy chủ này không tự vẽ trang PDF: trình duyệt này sẽ tạo bản đọc cho {count} tệp PDF.',
    done: 'Đã tạo bản đọc cho “{title}” ({total} trang).',
    failed: 'Không tạo được bản đọc cho “{title}”: {reason}. Đại biểu vẫn tải được bản gốc.',
    pdf_password: 'PDF có mật khẩu',
    pdf_corrupt: 'tệp PDF bị hỏng',
    office: '{count} tệp Office ({names}) chưa có bản đọc: máy chủ này không có LibreOffice. Hãy dùng máy chủ Node có LibreOffice, hoặc chạy trên một máy có LibreOffice: {command}',
    heading: 'Bản đọc trên điện thoại',
  },
  en: {
    working: 'Making the phone reader of “{title}” in this browser: page {done}/{total}. Keep this page open.',
    waiting: 'This server does not draw PDF pages itself: this browser will make the reader of {count} PDF file(s).',
    done: 'Reader made for “{title}” ({total} pages).',
    failed: 'Could not make the reader of “{title}”: {reason}. Delegates can still download the original.',
    pdf_password: 'the PDF is password-protected',
    pdf_corrupt: 'the PDF is damaged',
    office: '{count} Office file(s) ({names}) have no reader: this server has no LibreOffice. Use the Node server with LibreOffice, or run on a machine with LibreOffice: {command}',
    heading: 'Phone reader',
  },
} as const;

export type ReaderPanelKey = keyof (typeof TEXT)['vi'];

export function readerText(lang: ConsoleLang, key: ReaderPanelKey, params: Params = {}): string {
  return TEXT[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}
