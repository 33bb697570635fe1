import { Alert, Button, FileButton, Group, Modal, Progress, Radio, ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { TCaseDetail, TImportResult } from '@focal/shared';
import { useRef, useState, type ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/ErrorAlert';
import { formatBytes } from '../mail/format';
import { importFtm, useRefreshEntities, type ImportMode, type Provenance } from './api';
import { DEFAULT_PROVENANCE, ProvenanceFields } from './ClassificationInputs';

function ImportResult({ result }: { result: TImportResult }) {
  const { t, i18n } = useTranslation();
  const n = (value: number) => new Intl.NumberFormat(i18n.language).format(value);
  return (
    <Stack gap="xs" data-testid="import-result" data-imported={result.imported} data-errors={result.errors.length} data-rolled-back={String(result.rolledBack)}>
      {result.rolledBack ? (
        <Alert color="red" variant="light" title={t('cases.import.rolledBackTitle')}>
          {t('cases.import.rolledBack', { n: n(result.errors.length) })}
        </Alert>
      ) : (
        <Alert color={result.errors.length ? 'yellow' : 'teal'} variant="light" title={t('cases.import.doneTitle')}>
          {t('cases.import.done', { n: n(result.imported) })}
          {result.errors.length ? ` ${t('cases.import.skipped', { n: n(result.errors.length) })}` : ''}
        </Alert>
      )}
      {result.errors.length ? (
        <ScrollArea.Autosize mah={260}>
          <Table verticalSpacing={4} fz="sm" data-testid="import-errors">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={80}>
                  {t('cases.import.line')}
                </Table.Th>
                <Table.Th scope="col">{t('cases.import.reason')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.errors.map((e) => (
                <Table.Tr key={`${e.line}:${e.reason}`} data-testid="import-error">
                  <Table.Td>{n(e.line)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" dir="ltr" lang="en" style={{ overflowWrap: 'anywhere' }}>
                      {e.reason}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      ) : null}
    </Stack>
  );
}

/** FtM JSON lines into the case, with a progress bar; bad lines listed by number and reason. */
export function ImportButton({ detail }: { detail: TCaseDetail }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshEntities(detail.id);
  const [opened, setOpened] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>('all_or_nothing');
  const [provenance, setProvenance] = useState<Provenance>(DEFAULT_PROVENANCE);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<TImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<(() => void) | null>(null);
  const busy = progress !== null;

  const close = () => {
    if (busy) return;
    setOpened(false);
    setFile(null);
    setResult(null);
    setError(null);
  };

  const start = async () => {
    if (!file) return;
    setResult(null);
    setError(null);
    setProgress(0);
    const upload = importFtm(detail.id, file, mode, provenance, setProgress);
    abort.current = upload.abort;
    try {
      const answer = await upload.promise;
      setResult(answer);
      if (answer.imported > 0) refresh();
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError(errorMessage(t, err));
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  return (
    <>
      <Button variant="light" onClick={() => setOpened(true)} data-testid="entity-import">
        {t('cases.import.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('cases.import.title')} size="lg" closeOnClickOutside={!busy}>
        <Stack gap="md" data-testid="import-dialog">
          <Text size="sm">{t('cases.import.help')}</Text>
          <Group gap="sm">
            <FileButton onChange={(f) => { setFile(f); setResult(null); }} accept=".json,.jsonl,.ndjson,.ftm,application/json,application/x-ndjson" inputProps={{ 'data-testid': 'import-file-input' } as ComponentProps<'input'>}>
              {(props) => (
                <Button {...props} variant="default" disabled={busy} data-testid="import-choose">
                  {t('cases.import.choose')}
                </Button>
              )}
            </FileButton>
            {file ? (
              <Text size="sm" dir="auto" data-testid="import-file-name">
                {file.name} · {formatBytes(file.size, i18n.language)}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                {t('cases.import.noFile')}
              </Text>
            )}
          </Group>
          <Radio.Group label={t('cases.import.mode')} value={mode} onChange={(v) => setMode(v as ImportMode)}>
            <Stack gap={6} mt={4}>
              <Radio value="all_or_nothing" label={t('cases.import.allOrNothing')} description={t('cases.import.allOrNothingHelp')} disabled={busy} data-testid="import-mode-all" />
              <Radio value="skip_bad" label={t('cases.import.skipBad')} description={t('cases.import.skipBadHelp')} disabled={busy} data-testid="import-mode-skip" />
            </Stack>
          </Radio.Group>
          <ProvenanceFields value={provenance} onChange={setProvenance} countries={detail.countries.map((c) => c.country)} testId="import-provenance" />
          {busy ? <Progress value={Math.round((progress ?? 0) * 100)} animated aria-label={t('cases.import.progress')} data-testid="import-progress" /> : null}
          {error ? (
            <Alert color="red" variant="light" role="alert" data-testid="import-failed">
              {error}
            </Alert>
          ) : null}
          {result ? <ImportResult result={result} /> : null}
          <Group justify="flex-end">
            {busy ? (
              <Button variant="default" onClick={() => abort.current?.()}>
                {t('cases.import.cancel')}
              </Button>
            ) : (
              <Button variant="default" onClick={close}>
                {t('common.done')}
              </Button>
            )}
            <Button onClick={() => void start()} disabled={!file || busy} loading={busy} data-testid="import-start">
              {t('cases.import.start')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
