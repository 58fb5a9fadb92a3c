import { useEffect, useState } from 'preact/hooks';
import { api, get } from '../../../api/client';
import type { TestScanView } from '../../../api/types';
import { useNotify } from '../../../components/notices';
import { errorText } from '../../../i18n/error-text';
import { useI18n } from '../../../i18n/i18n';

type TestScan = TestScanView;

// Asked every second: a phone's visit shows within two seconds, and 60 light requests a minute is nothing.
const POLL_MS = 1000;

/** "Quét thử": a throw-away code a phone in the hall scans; the console shows what reached the server. */
export function TestScanPanel() {
  const i18n = useI18n();
  const { t } = i18n;
  const notify = useNotify();
  const [scan, setScan] = useState<TestScan | null>(null);

  useEffect(() => {
    if (!scan || (scan.reachedAt && scan.rttMs !== null) || Date.parse(scan.expiresAt) < Date.now()) return;
    const timer = setTimeout(() => {
      get<{ testScan: TestScan }>(`/api/test-scans/${scan.id}`).then((r) => setScan(r.testScan), () => setScan({ ...scan }));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [scan]);

  const start = async () => {
    try {
      setScan((await api<{ testScan: TestScan }>('POST', '/api/test-scans')).testScan);
    } catch (e) {
      notify('error', errorText(e, i18n));
    }
  };

  return (
    <section class="test-scan card" aria-labelledby="test-scan-title">
      <h3 id="test-scan-title">{t('testScan.heading')}</h3>
      <p class="muted">{t('testScan.explain')}</p>
      {scan && (
        <div class="test-scan-body">
          <img class="qr" src={`/api/test-scans/${scan.id}/qr.svg`} width={160} height={160} alt={t('testScan.qrAlt')} />
          <div>
            <p class="mono small">{scan.url}</p>
            {!scan.reachedAt ? (
              <p class="test-scan-waiting" aria-live="polite">{t('testScan.waiting')}</p>
            ) : (
              <div class="test-scan-result" role="status">
                <p class="notice notice-success"><strong>✓ {t('testScan.reached')}</strong></p>
                <dl class="facts">
                  <dt>{t('testScan.browser')}</dt><dd>{scan.browser}{scan.os ? ` · ${scan.os}` : ''}</dd>
                  <dt>{t('testScan.rtt')}</dt><dd>{scan.rttMs === null ? t('testScan.measuring') : `${scan.rttMs} ms`}</dd>
                  <dt>{t('testScan.secure')}</dt><dd>{scan.secure === null ? t('testScan.measuring') : t(scan.secure ? 'testScan.yes' : 'testScan.no')}</dd>
                </dl>
              </div>
            )}
          </div>
        </div>
      )}
      <button type="button" class="btn btn-small" onClick={() => void start()}>{t(scan ? 'testScan.again' : 'testScan.start')}</button>
    </section>
  );
}
