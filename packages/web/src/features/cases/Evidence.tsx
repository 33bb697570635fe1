import { Alert, Anchor, Badge, Button, FileButton, Group, Modal, Paper, Progress, Select, Stack, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { TCaseDocument, THandlingCode, TRequestSummary } from '@focal/shared';
import { useEffect, useRef, useState, type ComponentProps, type DragEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { useMe } from '../../api/hooks';
import { errorMessage } from '../../components/ErrorAlert';
import { formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { TableHeader } from '../../components/TableHeader';
import { Fingerprint } from '../mail/AttachmentList';
import { formatBytes, personName } from '../mail/format';
import { HandlingBadge } from '../mail/MessageBadges';
import '../mail/mail.css';
import { documentVersionUrl, uploadDocument, uploadDocumentVersion, useCaseSettings, useCustody, useRefreshDocuments, type TCustodyEvent } from './api';
import { CountryTag } from './CaseBadges';
import { CODES_WITHOUT_CONDITIONS, HandlingCodeSelect, ReachFields } from './ClassificationInputs';
import { caseKeys } from './keys';
import { ReachBadge } from './EntityView';

/** An upload's failure in the reader's language (a file over the limit names the limit). */
function uploadError(t: ReturnType<typeof useTranslation>['t'], error: unknown, lang: string): string {
  if (error instanceof ApiError && error.code === 'attachment_too_large') {
    const max = Number(error.fields?.file);
    return Number.isFinite(max) && max > 0 ? t('cases.evidence.tooLarge', { max: formatBytes(max, lang) }) : errorMessage(t, error);
  }
  if (error instanceof ApiError && error.code === 'validation_failed' && error.fields?.title) return t('cases.evidence.titleRequired');
  return errorMessage(t, error);
}

/** True when the server's limit is known and the file is over it. */
const overLimit = (file: File | null, maxBytes: number | undefined): boolean => file !== null && maxBytes !== undefined && file.size > maxBytes;

/** One file by drag and drop or the file picker; a file over the server's limit is named at once. */
function FileDrop({ file, onFile, disabled, testId, maxBytes }: { file: File | null; onFile: (file: File) => void; disabled: boolean; testId: string; maxBytes: number | undefined }) {
  const { t, i18n } = useTranslation();
  const [dragging, setDragging] = useState(false);
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={`${testId}-label`}>
        {t('cases.evidence.fields.file')}
      </Text>
      <div
        className="mail-dropzone"
        data-active={dragging ? 'true' : 'false'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        role="group"
        aria-labelledby={`${testId}-label`}
        data-testid={`${testId}-dropzone`}
      >
        <Group justify="center" gap="sm" p="md" wrap="wrap">
          <Text size="sm" c="dimmed">
            {t('cases.evidence.drop')}
          </Text>
          <FileButton onChange={(f) => f && onFile(f)} inputProps={{ 'data-testid': `${testId}-file-input` } as ComponentProps<'input'>}>
            {(props) => (
              <Button {...props} variant="light" size="xs" disabled={disabled}>
                {t('cases.evidence.choose')}
              </Button>
            )}
          </FileButton>
        </Group>
        <Text size="sm" ta="center" pb="xs" dir="auto" c={file ? undefined : 'dimmed'} data-testid={`${testId}-file-name`}>
          {file ? `${file.name} · ${formatBytes(file.size, i18n.language)}` : t('cases.evidence.noFile')}
        </Text>
      </div>
      {overLimit(file, maxBytes) ? (
        <Text size="sm" c="red" role="alert" data-testid={`${testId}-too-large`}>
          {t('cases.evidence.tooLargeChosen', { size: formatBytes(file!.size, i18n.language), max: formatBytes(maxBytes!, i18n.language) })}
        </Text>
      ) : maxBytes !== undefined ? (
        <Text size="xs" c="dimmed" data-testid={`${testId}-limit`}>
          {t('cases.evidence.limit', { max: formatBytes(maxBytes, i18n.language) })}
        </Text>
      ) : null}
    </Stack>
  );
}

export interface UploadEvidenceProps {
  caseId: string;
  /** The countries of the case, for its reach. */
  countries: string[];
  /** Requests of the case a document may answer. */
  requests: TRequestSummary[];
  /** A request the document is for, fixed (from the request's page). */
  requestId?: string;
  label?: string;
  onUploaded?: (document: TCaseDocument) => void;
}

/** Evidence into the case: a title, one file with a progress bar, its handling code and reach, and the request it answers. */
export function UploadEvidenceButton({ caseId, countries, requests, requestId, label, onUploaded }: UploadEvidenceProps) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshDocuments(caseId);
  const [opened, setOpened] = useState(false);
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [request, setRequest] = useState<string | null>(requestId ?? null);
  const [handlingCode, setHandlingCode] = useState<THandlingCode>('H0');
  const [reach, setReach] = useState<string[] | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const abort = useRef<(() => void) | null>(null);
  const maxBytes = useCaseSettings().data?.documentMaxBytes;
  const busy = progress !== null;
  const fixed = requests.find((r) => r.id === requestId);

  const reset = () => {
    setTitle('');
    setFile(null);
    setRequest(requestId ?? null);
    setHandlingCode('H0');
    setReach(null);
    setError(null);
    setTried(false);
  };
  const close = () => {
    if (busy) return;
    setOpened(false);
    reset();
  };

  const start = async () => {
    setTried(true);
    // Refused here rather than after sending hundreds of megabytes for the server to refuse.
    if (!file || !title.trim() || overLimit(file, maxBytes)) return;
    setError(null);
    setProgress(0);
    const upload = uploadDocument(caseId, file, { title: title.trim(), requestId: request, handlingCode, reach }, setProgress);
    abort.current = upload.abort;
    try {
      const document = await upload.promise;
      refresh();
      notifications.show({ color: 'teal', message: t('cases.evidence.uploaded', { title: document.title }) });
      onUploaded?.(document);
      setProgress(null);
      setOpened(false);
      reset();
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError(uploadError(t, err, i18n.language));
      setProgress(null);
    } finally {
      abort.current = null;
    }
  };

  return (
    <>
      <Button onClick={() => setOpened(true)} data-testid="evidence-upload">
        {label ?? t('cases.evidence.upload')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('cases.evidence.uploadTitle')} size="lg" closeOnClickOutside={!busy}>
        <Stack gap="md" data-testid="evidence-upload-dialog">
          <Text size="sm">{t('cases.evidence.uploadHelp')}</Text>
          <TextInput
            label={t('cases.evidence.fields.title')}
            required
            maxLength={300}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={tried && !title.trim() ? t('cases.evidence.titleRequired') : undefined}
            disabled={busy}
            dir="auto"
            data-testid="evidence-title"
          />
          <FileDrop file={file} onFile={setFile} disabled={busy} testId="evidence" maxBytes={maxBytes} />
          {tried && !file ? (
            <Text size="xs" c="red" role="alert">
              {t('cases.evidence.fileRequired')}
            </Text>
          ) : null}
          {requestId ? (
            <Text size="sm" data-testid="evidence-request-fixed">
              {t('cases.evidence.forRequest', { reference: fixed?.reference ?? '' })}
            </Text>
          ) : requests.length ? (
            <Select
              label={t('cases.evidence.fields.request')}
              description={t('cases.evidence.requestHelp')}
              placeholder={t('cases.evidence.noRequest')}
              clearable
              data={requests.map((r) => ({ value: r.id, label: `${r.reference} · ${r.title}` }))}
              value={request}
              onChange={setRequest}
              disabled={busy}
              data-testid="evidence-request"
            />
          ) : null}
          <HandlingCodeSelect value={handlingCode} onChange={setHandlingCode} codes={CODES_WITHOUT_CONDITIONS} testId="evidence-handling" />
          <ReachFields value={reach} onChange={setReach} countries={countries} testId="evidence" />
          {busy ? <Progress value={Math.round((progress ?? 0) * 100)} animated aria-label={t('cases.evidence.progress', { name: file?.name ?? '' })} data-testid="evidence-progress" /> : null}
          {error ? (
            <Alert color="red" variant="light" role="alert" data-testid="evidence-upload-failed">
              {error}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            {busy ? (
              <Button variant="default" onClick={() => abort.current?.()}>
                {t('cases.evidence.cancel')}
              </Button>
            ) : (
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
            )}
            <Button onClick={() => void start()} loading={busy} data-testid="evidence-upload-submit">
              {t('cases.evidence.uploadSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** A new version of a document, by its provider: picked, then sent at once with its progress. */
function NewVersion({ caseId, document }: { caseId: string; document: TCaseDocument }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshDocuments(caseId);
  const maxBytes = useCaseSettings().data?.documentMaxBytes;
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const send = async (file: File | null) => {
    if (!file) return;
    if (overLimit(file, maxBytes)) {
      setError(t('cases.evidence.tooLargeChosen', { size: formatBytes(file.size, i18n.language), max: formatBytes(maxBytes!, i18n.language) }));
      return;
    }
    setError(null);
    setProgress(0);
    try {
      const updated = await uploadDocumentVersion(caseId, document.id, file, setProgress).promise;
      refresh();
      notifications.show({ color: 'teal', message: t('cases.evidence.versionUploaded', { n: updated.versions[0]?.version ?? 0 }) });
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError(uploadError(t, err, i18n.language));
    } finally {
      setProgress(null);
    }
  };
  return (
    <Stack gap={4}>
      <FileButton onChange={(f) => void send(f)} inputProps={{ 'data-testid': 'evidence-version-input' } as ComponentProps<'input'>}>
        {(props) => (
          <Button {...props} size="xs" variant="light" loading={progress !== null} data-testid="evidence-new-version">
            {t('cases.evidence.newVersion')}
          </Button>
        )}
      </FileButton>
      {progress !== null ? <Progress value={Math.round(progress * 100)} size="sm" animated aria-label={t('cases.evidence.progress', { name: document.title })} /> : null}
      {error ? (
        <Text size="xs" c="red" role="alert">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Who uploaded and who read each version, from the audit log. */
function Custody({ caseId, documentId }: { caseId: string; documentId: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const custody = useCustody(caseId, documentId, true);
  const items: TCustodyEvent[] = custody.data ?? [];
  return (
    <QueryState query={custody} isEmpty={items.length === 0} empty={<Text size="sm" c="dimmed">{t('cases.evidence.noCustody')}</Text>}>
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={4} fz="sm" data-testid="evidence-custody">
          <VisuallyHidden component="caption">{t('cases.evidence.custody')}</VisuallyHidden>
          <TableHeader columns={[t('cases.evidence.custodyColumns.at'), t('cases.evidence.custodyColumns.action'), t('cases.evidence.custodyColumns.who'), t('cases.evidence.custodyColumns.version'), t('cases.evidence.custodyColumns.sha256')]} />
          <Table.Tbody>
            {items.map((e, i) => {
              const action = e.action.replace(/^document\./, '');
              return (
                <Table.Tr key={`${e.at}:${i}`} data-testid="evidence-custody-event" data-action={action} data-country={e.country ?? ''} data-version={e.version ?? ''}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, i18n.language, me?.timeZone)}</Table.Td>
                  <Table.Td>{t(`cases.evidence.custodyActions.${action}`, { defaultValue: action })}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm">{e.actor ? personName(e.actor) : t('cases.history.system')}</Text>
                      {e.country ? <CountryTag code={e.country} withName={false} size="xs" /> : null}
                    </Group>
                  </Table.Td>
                  <Table.Td>{e.version ?? ''}</Table.Td>
                  <Table.Td>{e.sha256 ? <Fingerprint sha256={e.sha256} /> : null}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </QueryState>
  );
}

/** Preview (PDF and images, in a new tab) and download of one version; reading it enters the chain of custody. */
function VersionLinks({ caseId, document, version }: { caseId: string; document: TCaseDocument; version: TCaseDocument['versions'][number] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  // The read is recorded by the server as the file goes out: refresh the chain of custody after it.
  const read = () => setTimeout(() => void client.invalidateQueries({ queryKey: caseKeys.custody(caseId, document.id) }), 1500);
  return (
    <Group gap="sm" wrap="nowrap">
      {version.previewable ? (
        <Anchor href={documentVersionUrl(caseId, document.id, version.id, true)} target="_blank" rel="noopener noreferrer" size="sm" onClick={read} data-testid="evidence-preview">
          {t('cases.evidence.preview')}
        </Anchor>
      ) : null}
      <Anchor href={documentVersionUrl(caseId, document.id, version.id)} download={version.name} size="sm" fw={600} onClick={read} data-testid="evidence-download">
        {t('cases.evidence.download')}
      </Anchor>
    </Group>
  );
}

function Versions({ caseId, document }: { caseId: string; document: TCaseDocument }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={4} fz="sm" data-testid="evidence-versions">
        <VisuallyHidden component="caption">{t('cases.evidence.versionsTitle')}</VisuallyHidden>
        <TableHeader columns={[t('cases.evidence.fields.version'), t('cases.evidence.fields.name'), t('cases.evidence.fields.size'), t('cases.evidence.fields.sha256'), t('cases.evidence.fields.uploaded')]} actions />
        <Table.Tbody>
          {document.versions.map((v) => (
            <Table.Tr key={v.id} data-testid="evidence-version" data-version={v.version}>
              <Table.Td>{v.version}</Table.Td>
              <Table.Td>
                <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }}>
                  {v.name}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatBytes(v.size, i18n.language)}</Table.Td>
              <Table.Td>
                <Fingerprint sha256={v.sha256} />
              </Table.Td>
              <Table.Td>
                <Text size="xs">{v.uploadedBy ? personName(v.uploadedBy) : t('cases.history.system')}</Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(v.uploadedAt, i18n.language, me?.timeZone)}
                </Text>
              </Table.Td>
              <Table.Td>
                <VersionLinks caseId={caseId} document={document} version={v} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One document: its latest version at a glance, then its versions and its chain of custody on demand. */
export function DocumentCard({ caseId, document, request, highlighted = false }: { caseId: string; document: TCaseDocument; request?: Pick<TRequestSummary, 'id' | 'reference'>; highlighted?: boolean }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState<'versions' | 'custody' | null>(highlighted ? 'versions' : null);
  const latest = document.versions[0];
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'center' });
  }, [highlighted]);
  return (
    <Paper ref={ref} withBorder p="sm" radius="md" data-testid="evidence-document" data-id={document.id} data-owner={document.ownerCountry} data-request={document.requestId ?? ''} data-sha256={latest?.sha256 ?? ''} style={highlighted ? { borderColor: 'var(--mantine-primary-color-filled)' } : undefined}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs" align="flex-start">
          <div style={{ minWidth: 0, flex: 1 }}>
            <Text fw={700} dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="evidence-document-title">
              {document.title}
            </Text>
            {latest ? (
              <Group gap="xs" wrap="wrap">
                <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere' }} data-testid="evidence-document-name">
                  {latest.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatBytes(latest.size, i18n.language)}
                </Text>
                {document.versions.length > 1 ? (
                  <Badge size="xs" variant="light" color="gray">
                    {t('cases.evidence.versionLabel', { n: latest.version })}
                  </Badge>
                ) : null}
                <Fingerprint sha256={latest.sha256} />
              </Group>
            ) : null}
          </div>
          {latest ? <VersionLinks caseId={caseId} document={document} version={latest} /> : null}
        </Group>
        <Group gap={6} wrap="wrap">
          <CountryTag code={document.ownerCountry} withName={false} size="xs" />
          <HandlingBadge code={document.handlingCode} size="xs" />
          <ReachBadge reach={document.reach} />
          {latest ? (
            <Text size="xs" c="dimmed">
              {t('cases.evidence.uploadedBy', { name: latest.uploadedBy ? personName(latest.uploadedBy) : t('cases.history.system'), time: formatDateTime(latest.uploadedAt, i18n.language, me?.timeZone) })}
            </Text>
          ) : null}
          {request ? (
            <Anchor component={Link} to={`/requests/${request.id}`} size="xs" data-testid="evidence-document-request">
              {t('cases.evidence.forRequest', { reference: request.reference })}
            </Anchor>
          ) : null}
        </Group>
        <Group gap="xs">
          <Button size="compact-sm" variant="subtle" onClick={() => setOpen((o) => (o === 'versions' ? null : 'versions'))} aria-expanded={open === 'versions'} data-testid="evidence-versions-toggle">
            {t('cases.evidence.versions', { n: document.versions.length })}
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={() => setOpen((o) => (o === 'custody' ? null : 'custody'))} aria-expanded={open === 'custody'} data-testid="evidence-custody-toggle">
            {t('cases.evidence.custody')}
          </Button>
        </Group>
        {open === 'versions' ? (
          <Stack gap="xs">
            <Versions caseId={caseId} document={document} />
            {document.ownerCountry === me?.country ? (
              <NewVersion caseId={caseId} document={document} />
            ) : (
              <Text size="xs" c="dimmed">
                {t('cases.evidence.newVersionHelp')}
              </Text>
            )}
          </Stack>
        ) : null}
        {open === 'custody' ? <Custody caseId={caseId} documentId={document.id} /> : null}
      </Stack>
    </Paper>
  );
}
