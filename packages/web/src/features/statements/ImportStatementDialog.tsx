import { Alert, Badge, Button, Checkbox, Code, FileButton, Group, Modal, MultiSelect, NumberInput, Progress, Radio, Select, Stack, Stepper, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { CSV_DATE_FORMATS, CSV_DECIMAL_SEPARATORS, CSV_DELIMITERS, CSV_FIELDS, CSV_TEXT_ENCODINGS, type TCsvField, type TCsvSniff, type TStatementMapping } from '@focal/shared';
import { useMemo, useRef, useState, type ComponentProps, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorMessage } from '../../components/ErrorAlert';
import { formatBytes } from '../mail/format';
import '../mail/mail.css';
import { currencyOptions } from '../cases/assets';
import { SNIFF_BYTES, sniffCsv, uploadStatement, useRefreshStatements, useSaveMapping } from './api';
import {
  amountFields,
  amountModeOf,
  assignmentFrom,
  buildFormat,
  columnCount,
  compactIban,
  detectFormat,
  layoutFromSaved,
  layoutFromSniff,
  looksLikeIban,
  mappingProblems,
  needsResniff,
  withAmountMode,
  type AmountMode,
  type ColumnAssignment,
  type LayoutChoices,
  type StatementFormat,
} from './mapping';

type Step = 'file' | 'layout' | 'columns';
const STEPS: Step[] = ['file', 'layout', 'columns'];
const FORMATS: StatementFormat[] = ['camt053', 'mt940', 'csv'];
/** The columns the form offers besides the amount ones, in the order a statement is read. */
const OTHER_FIELDS: TCsvField[] = ['valueDate', 'currency', 'counterpartyName', 'counterpartyAccount', 'counterpartyBic', 'reference', 'description', 'balance'];

/** The reason a file was refused, in the reader's language, and the file reader's own words (with the line) for the detail. */
function refusal(t: ReturnType<typeof useTranslation>['t'], error: unknown): { message: string; detail: string | null } {
  if (error instanceof ApiError && (error.code === 'statement_invalid' || error.code === 'validation_failed')) return { message: errorMessage(t, error), detail: error.message };
  return { message: errorMessage(t, error), detail: null };
}

interface AccountDraft {
  id: string;
  currency: string | null;
  holder: string;
  bank: string;
}

/**
 * A statement file into the case: picked or dropped, its format recognised (and changeable);
 * a CSV's layout confirmed over a preview, then its columns mapped and the account it belongs
 * to named, with the layout saved for the bank; then sent with a progress bar. A large file
 * carries on in the background once sent.
 */
export function ImportStatementDialog({ caseId, opened, onClose }: { caseId: string; opened: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const refresh = useRefreshStatements(caseId);
  const saveMapping = useSaveMapping();
  const [step, setStep] = useState<Step>('file');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<StatementFormat>('csv');
  /** MT940 carries no declaration of its encoding: the user says when it is not UTF-8. */
  const [mt940Encoding, setMt940Encoding] = useState<LayoutChoices['encoding']>('utf-8');
  const [dragging, setDragging] = useState(false);
  const [sniff, setSniff] = useState<TCsvSniff | null>(null);
  const [layout, setLayout] = useState<LayoutChoices | null>(null);
  const [assignment, setAssignment] = useState<ColumnAssignment>({});
  const [mode, setMode] = useState<AmountMode>('signed');
  const [applied, setApplied] = useState<TStatementMapping | null>(null);
  const [missingColumns, setMissingColumns] = useState<string[]>([]);
  const [account, setAccount] = useState<AccountDraft>({ id: '', currency: 'EUR', holder: '', bank: '' });
  const [save, setSave] = useState(true);
  const [saveName, setSaveName] = useState('');
  const [saveBic, setSaveBic] = useState('');
  const [reading, setReading] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<{ message: string; detail: string | null } | null>(null);
  const [tried, setTried] = useState(false);
  const abort = useRef<(() => void) | null>(null);
  const busy = progress !== null;
  const currencies = useMemo(() => currencyOptions(i18n.language, ['EUR', 'USD', 'CHF', 'GBP']), [i18n.language]);

  const reset = () => {
    setStep('file');
    setFile(null);
    setFormat('csv');
    setMt940Encoding('utf-8');
    setSniff(null);
    setLayout(null);
    setAssignment({});
    setMode('signed');
    setApplied(null);
    setMissingColumns([]);
    setAccount({ id: '', currency: 'EUR', holder: '', bank: '' });
    setSave(true);
    setSaveName('');
    setSaveBic('');
    setFailure(null);
    setTried(false);
  };
  const close = () => {
    if (busy) return;
    reset();
    onClose();
  };

  const pick = async (picked: File) => {
    setFile(picked);
    setFailure(null);
    setSniff(null);
    setApplied(null);
    const head = await picked.slice(0, 4096).text();
    setFormat(detectFormat(picked.name, head));
  };

  /** Shows a sample as read with `choices`, its columns mapped the saved way when a saved layout applies, else as guessed. */
  const applySniff = (next: TCsvSniff, choices: LayoutChoices, saved: TStatementMapping | null) => {
    setSniff(next);
    setLayout(choices);
    setApplied(saved);
    const { assignment: columns, missing } = assignmentFrom(saved ? saved.format.mapping : next.suggestedMapping, next.hasHeader ? next.header : []);
    setAssignment(columns);
    setMode(amountModeOf(columns));
    setMissingColumns(saved ? missing : []);
    if (saved) {
      setSaveName(saved.name);
      setSaveBic(saved.bankBic ?? '');
    }
  };

  /**
   * Reads the sample: first as guessed — then, when a saved layout fits the file's columns,
   * again its way — or, after the user changed how rows split, with their choices.
   */
  const read = async (choices: LayoutChoices | null) => {
    if (!file) return;
    setReading(true);
    setFailure(null);
    try {
      const sample = file.slice(0, SNIFF_BYTES);
      if (choices) {
        applySniff(await sniffCsv(caseId, sample, choices), choices, applied);
      } else {
        const guessed = await sniffCsv(caseId, sample);
        const saved = guessed.mappings[0] ?? null;
        if (saved) {
          const savedLayout = layoutFromSaved(saved, guessed);
          const again = needsResniff(layoutFromSniff(guessed), savedLayout) ? await sniffCsv(caseId, sample, savedLayout) : guessed;
          applySniff(again, savedLayout, saved);
        } else {
          applySniff(guessed, layoutFromSniff(guessed), null);
        }
        setStep('layout');
      }
    } catch (error) {
      setFailure(refusal(t, error));
    } finally {
      setReading(false);
    }
  };

  const changeLayout = (patch: Partial<LayoutChoices>) => {
    if (!layout) return;
    const next = { ...layout, ...patch };
    setLayout(next);
    if (needsResniff(layout, next)) void read(next);
  };

  const header = sniff && layout?.hasHeader ? sniff.header : [];
  const width = sniff ? columnCount(sniff) : 0;
  const columnLabel = (index: number) => (header[index]?.trim() ? header[index]!.trim() : t('statements.import.column', { n: index + 1 }));
  const columnOptions = Array.from({ length: width }, (_, index) => ({ value: String(index), label: columnLabel(index) }));
  const problems = mappingProblems(assignment, mode);
  const csvFormat = layout && sniff ? buildFormat(layout, assignment, mode, sniff.header) : undefined;
  const accountId = account.id.trim();
  const accountProblem = !accountId ? 'required' : null;

  const fieldOf = (index: number): TCsvField[] => CSV_FIELDS.filter((field) => assignment[field]?.includes(index));
  const setField = (field: TCsvField, indexes: number[]) => setAssignment((current) => ({ ...current, [field]: indexes }));

  const send = async () => {
    if (!file) return;
    setTried(true);
    let csv;
    if (format === 'csv') {
      if (!csvFormat || accountProblem || !account.currency || !sniff) return;
      const id = compactIban(accountId);
      csv = {
        format: csvFormat,
        account: {
          ...(looksLikeIban(id) ? { iban: id } : { number: accountId }),
          currency: account.currency,
          ...(account.holder.trim() ? { holder: account.holder.trim() } : {}),
          ...(account.bank.trim() ? { bank: account.bank.trim() } : {}),
        },
      };
      if (save && saveName.trim().length >= 2) {
        try {
          const saved = await saveMapping.mutateAsync({ name: saveName.trim(), ...(saveBic.trim() ? { bankBic: saveBic.trim() } : {}), layoutKey: sniff.layoutKey, format: csvFormat });
          setApplied(saved);
        } catch (error) {
          setFailure(refusal(t, error));
          return;
        }
      }
    }
    setFailure(null);
    setProgress(0);
    const upload = uploadStatement(
      caseId,
      file,
      { format, ...(csv ? { csv } : {}), mappingId: format === 'csv' ? (applied?.id ?? null) : null, ...(format === 'mt940' && mt940Encoding !== 'utf-8' ? { encoding: mt940Encoding } : {}) },
      setProgress,
    );
    abort.current = upload.abort;
    try {
      const result = await upload.promise;
      refresh(result);
      notifications.show({ color: 'teal', message: result.jobId ? t('statements.import.continuing', { name: file.name }) : t('statements.import.done', { name: file.name }) });
      setProgress(null);
      reset();
      onClose();
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) setFailure(refusal(t, error));
      setProgress(null);
    } finally {
      abort.current = null;
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !busy) void pick(dropped);
  };

  const preview = sniff ? (
    <Table.ScrollContainer minWidth={400} maxHeight={260}>
      <Table striped withTableBorder fz="xs" data-testid="statement-preview" aria-label={t('statements.import.previewLabel')}>
        <Table.Thead>
          <Table.Tr>
            {Array.from({ length: width }, (_, index) => (
              <Table.Th key={index} dir="auto">
                <Stack gap={2}>
                  <span>{columnLabel(index)}</span>
                  {fieldOf(index).map((field) => (
                    <Badge key={field} size="xs" variant="light">
                      {t(`statements.fields.${field}`)}
                    </Badge>
                  ))}
                </Stack>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sniff.preview.map((row, r) => (
            <Table.Tr key={r}>
              {Array.from({ length: width }, (_, c) => (
                <Table.Td key={c} dir="auto">
                  {row[c] ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  ) : null;

  const dateOptions = sniff
    ? [...sniff.dateFormatCandidates, ...CSV_DATE_FORMATS.filter((f) => !sniff.dateFormatCandidates.includes(f))].map((f) => ({
        value: f,
        label: sniff.dateFormatCandidates.includes(f) ? t('statements.import.dateFits', { format: f }) : f,
      }))
    : [];

  const columnSelect = (field: TCsvField, required = false) =>
    field === 'description' ? (
      <MultiSelect
        key={field}
        label={t(`statements.fields.${field}`)}
        description={t('statements.import.descriptionHelp')}
        data={columnOptions}
        value={(assignment[field] ?? []).map(String)}
        onChange={(values) => setField(field, values.map(Number))}
        clearable
        disabled={busy}
        data-testid={`statement-column-${field}`}
      />
    ) : (
      <Select
        key={field}
        label={t(`statements.fields.${field}`)}
        required={required}
        placeholder={t('statements.import.noColumn')}
        data={columnOptions}
        value={assignment[field]?.[0] !== undefined ? String(assignment[field]![0]) : null}
        onChange={(value) => setField(field, value === null ? [] : [Number(value)])}
        clearable={!required}
        error={tried && required && !assignment[field]?.length ? t('statements.import.columnRequired') : undefined}
        disabled={busy}
        data-testid={`statement-column-${field}`}
      />
    );

  const stepIndex = format === 'csv' ? STEPS.indexOf(step) : 0;

  return (
    <Modal opened={opened} onClose={close} title={t('statements.import.title')} size="xl" closeOnClickOutside={!busy}>
      <Stack gap="md" data-testid="statement-import-dialog">
        {format === 'csv' && file ? (
          <Stepper active={stepIndex} size="xs" allowNextStepsSelect={false}>
            <Stepper.Step label={t('statements.import.steps.file')} />
            <Stepper.Step label={t('statements.import.steps.layout')} />
            <Stepper.Step label={t('statements.import.steps.columns')} />
          </Stepper>
        ) : null}

        {step === 'file' ? (
          <>
            <Text size="sm">{t('statements.import.help')}</Text>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="statement-file-label">
                {t('statements.import.file')}
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
                aria-labelledby="statement-file-label"
                data-testid="statement-dropzone"
              >
                <Group justify="center" gap="sm" p="md" wrap="wrap">
                  <Text size="sm" c="dimmed">
                    {t('statements.import.drop')}
                  </Text>
                  <FileButton onChange={(f) => f && void pick(f)} accept=".csv,.txt,.xml,.sta,.940,.mt940,text/csv,application/xml,text/xml,text/plain" inputProps={{ 'data-testid': 'statement-file-input', 'aria-label': t('statements.import.file') } as ComponentProps<'input'>}>
                    {(props) => (
                      <Button {...props} variant="light" size="xs" disabled={busy}>
                        {t('statements.import.choose')}
                      </Button>
                    )}
                  </FileButton>
                </Group>
                <Text size="sm" ta="center" pb="xs" dir="auto" c={file ? undefined : 'dimmed'} data-testid="statement-file-name">
                  {file ? `${file.name} · ${formatBytes(file.size, i18n.language)}` : t('statements.import.noFile')}
                </Text>
              </div>
            </Stack>
            {file ? (
              <Radio.Group label={t('statements.import.format')} description={t('statements.import.formatHelp')} value={format} onChange={(value) => setFormat(value as StatementFormat)} data-testid="statement-format">
                <Group mt="xs">
                  {FORMATS.map((f) => (
                    <Radio key={f} value={f} label={t(`statements.formats.${f}`)} disabled={busy} data-testid={`statement-format-${f}`} />
                  ))}
                </Group>
              </Radio.Group>
            ) : null}
            {file && format === 'mt940' ? (
              <Select
                label={t('statements.import.encoding')}
                description={t('statements.import.mt940Encoding')}
                data={CSV_TEXT_ENCODINGS.map((e) => ({ value: e, label: t(`statements.encodings.${e}`) }))}
                value={mt940Encoding ?? 'utf-8'}
                onChange={(value) => value && setMt940Encoding(value as LayoutChoices['encoding'])}
                allowDeselect={false}
                disabled={busy}
                data-testid="statement-mt940-encoding"
              />
            ) : null}
          </>
        ) : null}

        {step === 'layout' && sniff && layout ? (
          <>
            <Text size="sm">{t('statements.import.layoutHelp')}</Text>
            {applied ? (
              <Alert color="teal" variant="light" data-testid="statement-mapping-applied">
                {t('statements.import.savedApplied', { name: applied.name })}
                {missingColumns.length ? ` ${t('statements.import.savedMissing', { columns: missingColumns.join(', ') })}` : ''}
              </Alert>
            ) : null}
            <Group grow align="flex-start" wrap="wrap">
              <Select
                label={t('statements.import.encoding')}
                data={CSV_TEXT_ENCODINGS.map((e) => ({ value: e, label: t(`statements.encodings.${e}`) }))}
                value={layout.encoding ?? 'utf-8'}
                onChange={(value) => value && changeLayout({ encoding: value as LayoutChoices['encoding'] })}
                allowDeselect={false}
                disabled={busy || reading || sniff.hasBom}
                description={sniff.hasBom ? t('statements.import.bomYes') : t('statements.import.bomNo')}
                data-testid="statement-encoding"
              />
              <Select
                label={t('statements.import.delimiter')}
                data={CSV_DELIMITERS.map((d) => ({ value: d, label: t(`statements.delimiters.${d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : 'pipe'}`) }))}
                value={layout.delimiter}
                onChange={(value) => value && changeLayout({ delimiter: value as LayoutChoices['delimiter'] })}
                allowDeselect={false}
                disabled={busy || reading}
                data-testid="statement-delimiter"
              />
              <Select
                label={t('statements.import.decimal')}
                data={CSV_DECIMAL_SEPARATORS.map((d) => ({ value: d, label: t(d === ',' ? 'statements.import.decimalComma' : 'statements.import.decimalPoint') }))}
                value={layout.decimalSeparator}
                onChange={(value) => value && changeLayout({ decimalSeparator: value as LayoutChoices['decimalSeparator'] })}
                allowDeselect={false}
                error={layout.decimalSeparator === layout.delimiter ? t('statements.import.decimalIsDelimiter') : undefined}
                disabled={busy}
                data-testid="statement-decimal"
              />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <Select
                label={t('statements.import.dateFormat')}
                data={dateOptions}
                value={layout.dateFormat ?? null}
                onChange={(value) => value && changeLayout({ dateFormat: value as LayoutChoices['dateFormat'] })}
                allowDeselect={false}
                error={tried && !layout.dateFormat ? t('statements.import.dateFormatRequired') : undefined}
                disabled={busy}
                data-testid="statement-date-format"
              />
              <NumberInput
                label={t('statements.import.skipRows')}
                description={t('statements.import.skipRowsHelp')}
                min={0}
                max={100}
                value={layout.skipRows}
                onChange={(value) => typeof value === 'number' && changeLayout({ skipRows: value })}
                disabled={busy || reading}
                data-testid="statement-skip-rows"
              />
              <Checkbox
                mt="xl"
                label={t('statements.import.hasHeader')}
                checked={layout.hasHeader}
                onChange={(e) => changeLayout({ hasHeader: e.currentTarget.checked })}
                disabled={busy || reading}
                data-testid="statement-has-header"
              />
            </Group>
            {sniff.dateFormatAmbiguous ? (
              <Alert color="orange" variant="light" data-testid="statement-date-ambiguous">
                {t('statements.import.dateAmbiguous')}
              </Alert>
            ) : null}
            {sniff.dateFormatCandidates.length === 0 ? (
              <Alert color="orange" variant="light">
                {t('statements.import.noDateFormat')}
              </Alert>
            ) : null}
            {!sniff.hasBom && sniff.encoding === 'windows-1252' ? (
              <Alert color="orange" variant="light">
                {t('statements.import.latin1')}
              </Alert>
            ) : null}
            <Text size="sm" fw={500}>
              {t('statements.import.preview', { n: sniff.preview.length })}
            </Text>
            {preview}
          </>
        ) : null}

        {step === 'columns' && sniff && layout ? (
          <>
            <Text size="sm">{t('statements.import.columnsHelp')}</Text>
            {columnSelect('date', true)}
            <Radio.Group label={t('statements.import.amountMode')} value={mode} onChange={(value) => {
              setMode(value as AmountMode);
              setAssignment((current) => withAmountMode(current, value as AmountMode));
            }} data-testid="statement-amount-mode">
              <Stack gap={4} mt="xs">
                {(['signed', 'indicator', 'split'] as const).map((m) => (
                  <Radio key={m} value={m} label={t(`statements.import.amountModes.${m}`)} disabled={busy} data-testid={`statement-amount-mode-${m}`} />
                ))}
              </Stack>
            </Radio.Group>
            <Group grow align="flex-start" wrap="wrap">
              {amountFields(mode).map((field) => columnSelect(field, true))}
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              {OTHER_FIELDS.slice(0, 4).map((field) => columnSelect(field))}
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              {OTHER_FIELDS.slice(4).map((field) => columnSelect(field))}
            </Group>
            {problems
              .filter((p) => p.kind === 'duplicate')
              .map((p) =>
                p.kind === 'duplicate' ? (
                  <Text key={p.column} size="xs" c="red" role="alert">
                    {t('statements.import.columnTwice', { column: columnLabel(p.column), fields: p.fields.map((f) => t(`statements.fields.${f}`)).join(', ') })}
                  </Text>
                ) : null,
              )}
            {preview}
            <Text size="sm" fw={600} mt="sm">
              {t('statements.import.accountTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('statements.import.accountHelp')}
            </Text>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput
                label={t('statements.import.accountId')}
                required
                value={account.id}
                onChange={(e) => setAccount({ ...account, id: e.currentTarget.value })}
                error={tried && accountProblem ? t('statements.import.accountRequired') : undefined}
                disabled={busy}
                dir="ltr"
                data-testid="statement-account-id"
              />
              <Select
                label={t('statements.import.currency')}
                required
                searchable
                data={currencies}
                value={account.currency}
                onChange={(value) => setAccount({ ...account, currency: value })}
                error={tried && !account.currency ? t('statements.import.currencyRequired') : undefined}
                disabled={busy}
                data-testid="statement-currency"
              />
            </Group>
            <Group grow align="flex-start" wrap="wrap">
              <TextInput label={t('statements.import.holder')} value={account.holder} onChange={(e) => setAccount({ ...account, holder: e.currentTarget.value })} disabled={busy} dir="auto" data-testid="statement-holder" />
              <TextInput label={t('statements.import.bank')} value={account.bank} onChange={(e) => setAccount({ ...account, bank: e.currentTarget.value })} disabled={busy} dir="auto" data-testid="statement-bank" />
            </Group>
            <Checkbox label={applied ? t('statements.import.saveUpdate') : t('statements.import.save')} description={t('statements.import.saveHelp')} checked={save} onChange={(e) => setSave(e.currentTarget.checked)} disabled={busy} data-testid="statement-save-mapping" />
            {save ? (
              <Group grow align="flex-start" wrap="wrap">
                <TextInput
                  label={t('statements.import.saveName')}
                  placeholder={t('statements.import.saveNamePlaceholder')}
                  value={saveName}
                  onChange={(e) => setSaveName(e.currentTarget.value)}
                  error={tried && saveName.trim().length < 2 ? t('statements.import.saveNameRequired') : undefined}
                  disabled={busy}
                  dir="auto"
                  data-testid="statement-mapping-name"
                />
                <TextInput label={t('statements.import.saveBic')} value={saveBic} onChange={(e) => setSaveBic(e.currentTarget.value.toUpperCase())} disabled={busy} dir="ltr" data-testid="statement-mapping-bic" />
              </Group>
            ) : null}
          </>
        ) : null}

        {busy ? <Progress value={Math.round((progress ?? 0) * 100)} animated aria-label={t('statements.import.progress', { name: file?.name ?? '' })} data-testid="statement-upload-progress" /> : null}
        {failure ? (
          <Alert color="red" variant="light" role="alert" data-testid="statement-import-failed">
            <Text size="sm">{failure.message}</Text>
            {failure.detail ? (
              <Text size="xs" mt={4}>
                {t('statements.import.detail')} <Code dir="ltr">{failure.detail}</Code>
              </Text>
            ) : null}
          </Alert>
        ) : null}

        <Group justify="space-between">
          <div>
            {format === 'csv' && step !== 'file' ? (
              <Button variant="default" onClick={() => setStep(step === 'columns' ? 'layout' : 'file')} disabled={busy} data-testid="statement-back">
                {t('statements.import.back')}
              </Button>
            ) : null}
          </div>
          <Group>
            {busy ? (
              <Button variant="default" onClick={() => abort.current?.()}>
                {t('statements.import.cancelUpload')}
              </Button>
            ) : (
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
            )}
            {format === 'csv' && step === 'file' ? (
              <Button onClick={() => void read(null)} disabled={!file} loading={reading} data-testid="statement-next">
                {t('statements.import.next')}
              </Button>
            ) : format === 'csv' && step === 'layout' ? (
              <Button
                onClick={() => {
                  setTried(false);
                  setStep('columns');
                }}
                disabled={reading || !layout?.dateFormat || layout.decimalSeparator === layout.delimiter}
                data-testid="statement-next"
              >
                {t('statements.import.next')}
              </Button>
            ) : (
              <Button onClick={() => void send()} disabled={!file} loading={busy} data-testid="statement-import-submit">
                {t('statements.import.submit')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
