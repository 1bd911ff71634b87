import '../../messages';
import { useDidShow } from '@tarojs/taro';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import type { ImportReport, ImportSummary } from '@wxshop/shared';
import { usePageTitle } from '../../../hooks/use-page-title';
import { useI18n } from '../../../i18n';
import { canPickCsv, pickFiles, type PickedFile } from '../../../platform/upload';
import { fetchImportReport, importCsv, listImports, uploadProductFile, withImport } from '../../../services/catalog-admin';
import { errorText, toast, toastError } from '../../../services/request';
import { getSession } from '../../../services/session';
import { MerchantScreen } from '../../components/screen';
import { MAX_INLINE_CSV, SAMPLE_CSV } from '../../lib/csv-help';
import { newIdempotencyKey } from '../../lib/keys';
import { shortDateTime } from '../../lib/schedule';
import { useMerchant } from '../../lib/use-merchant';
import { checkCsv } from '../../lib/uploads';
import '../merchant.scss';
import { CsvHelp } from './csv-help';
import { ReportView } from './report-view';

/** Import draft products from CSV (pasted or a file), the per-product report, and the store's past imports. */
export default function MerchantImportPage() {
  const { t } = useI18n();
  usePageTitle('merchant.import.title');
  const { merchantId, can } = useMerchant();
  const [text, setText] = useState('');
  const [file, setFile] = useState<PickedFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [history, setHistory] = useState<ImportSummary[]>([]);
  const [historyState, setHistoryState] = useState<'loading' | 'ok' | 'error'>('loading');
  const [opening, setOpening] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey('import'));

  const loadHistory = async () => {
    setHistoryState('loading');
    try {
      setHistory((await listImports(merchantId)).items);
      setHistoryState('ok');
    } catch {
      setHistoryState('error');
    }
  };

  useDidShow(() => {
    if (getSession() && merchantId) void loadHistory();
  });

  const chooseFile = async () => {
    const [f] = await pickFiles('csv', 1).catch(() => []);
    if (!f) return;
    const ok = checkCsv(f);
    if (!ok.ok) return toast(t(ok.error));
    setFile(f);
    setError(null);
    key.current = newIdempotencyKey('import');
  };

  const run = async () => {
    if (!file && !text.trim()) return setError(t('merchant.import.nothing'));
    if (!file && text.length > MAX_INLINE_CSV) return setError(t('merchant.import.too_long', { max: MAX_INLINE_CSV }));
    setError(null);
    setBusy(true);
    try {
      const source = file ? { key: await uploadProductFile(merchantId, file, 'text/csv') } : { csv: text };
      const r = await importCsv(merchantId, source, key.current);
      key.current = newIdempotencyKey('import');
      setReport(r);
      setHistory((list) => withImport(list, r));
      toast(t('merchant.import.done', { accepted: r.accepted, refused: r.refused }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const open = async (id: string) => {
    setOpening(id);
    try {
      setReport(await fetchImportReport(merchantId, id));
    } catch (e) {
      toastError(e);
    } finally {
      setOpening(null);
    }
  };

  return (
    <MerchantScreen id="page-merchant-import" state={{ status: 'ok' }} onRetry={() => undefined}>
      {() => (
        <View>
          <CsvHelp />
          {can('merchant:product:write') ? (
            <View id="import-form" className="card m-section">
              <View className="m-section__head">
                <Text className="m-section__title">{t('merchant.import.paste')}</Text>
                <Text
                  id="import-sample"
                  className="m-link"
                  onClick={() => {
                    setText(SAMPLE_CSV);
                    setFile(null);
                  }}
                >
                  {t('merchant.import.use_sample')}
                </Text>
              </View>
              {file ? (
                <View id="import-file-chosen" className="m-file">
                  <Text className="m-file__name">
                    {file.name} · {Math.ceil(file.size / 1024)} KB
                  </Text>
                  <Text id="import-file-clear" className="m-link m-link--danger" onClick={() => setFile(null)}>
                    {t('merchant.common.remove')}
                  </Text>
                </View>
              ) : (
                <Textarea
                  id="import-text"
                  className="m-textarea m-textarea--code"
                  maxlength={-1}
                  placeholder={t('merchant.import.paste_hint')}
                  value={text}
                  onInput={(e) => {
                    setText(e.detail.value);
                    key.current = newIdempotencyKey('import');
                  }}
                />
              )}
              {canPickCsv && !file ? (
                <Text id="import-file" className="m-link m-gap-b" onClick={() => void chooseFile()}>
                  {t('merchant.import.choose_file')}
                </Text>
              ) : null}
              {error ? (
                <Text id="import-error" className="form-error">
                  {error}
                </Text>
              ) : null}
              <Button id="import-submit" className="btn btn--primary" loading={busy || undefined} disabled={busy || undefined} onClick={() => void run()}>
                {t('merchant.import.submit')}
              </Button>
            </View>
          ) : null}
          {report ? <ReportView report={report} merchantId={merchantId} /> : null}
          <View id="import-history" className="card m-section">
            <Text className="m-section__title">{t('merchant.import.history')}</Text>
            {historyState === 'loading' && history.length === 0 ? (
              <Text id="import-history-loading" className="m-empty-line">
                {t('common.loading')}
              </Text>
            ) : historyState === 'error' ? (
              <View id="import-history-error" className="m-empty-line" onClick={() => void loadHistory()}>
                <Text>{t('merchant.import.history_error')}</Text>
              </View>
            ) : history.length === 0 ? (
              <Text id="import-history-empty" className="m-empty-line">
                {t('merchant.import.history_empty')}
              </Text>
            ) : (
              history.map((h) => (
                <View key={h.id} id={`import-history-${h.id}`} className="row m-row-flat" onClick={() => !opening && void open(h.id)}>
                  <View className="m-col">
                    <Text>{shortDateTime(h.createdAt)}</Text>
                    <Text className="m-muted">{t('merchant.import.summary', { rows: h.rows, accepted: h.accepted, refused: h.refused })}</Text>
                  </View>
                  <Text className="row__chevron">{opening === h.id ? '…' : '›'}</Text>
                </View>
              ))
            )}
          </View>
        </View>
      )}
    </MerchantScreen>
  );
}
