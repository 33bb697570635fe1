import { Alert, Anchor, Badge, Button, Group, List, Modal, Paper, Progress, SimpleGrid, Stack, Text, Textarea, ThemeIcon, Title, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { TMatchItem } from '@focal/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useCountryNames } from '../../components/useReference';
import { useCases } from '../cases/api';
import { CountryTag } from '../cases/CaseBadges';
import { useSchemaLabel } from '../cases/EntityView';
import { useJudge, useRequestAccess, type TVerdict } from './api';
import { explainEvidence } from './explain';
import { canAskAccess, entityLink, formatScore, orientPair, reasonProblem, REASON_MAX, SCORE_COLOR, scoreBand, scorePercent, type MatchHit, type MatchPair } from './format';

type Evidence = MatchPair['explanation'][number];
type MatchedEntity = MatchPair['entity'];

export const VERDICTS: TVerdict[] = ['same', 'not_same', 'unsure'];
const VERDICT_COLOR: Record<TVerdict, string> = { same: 'teal', not_same: 'red', unsure: 'gray' };
const ACCESS_COLOR = { pending: 'yellow', granted: 'teal', refused: 'red' } as const;

/** Ids of the cases I am a member of (null while unknown), to link an entity into its case. */
export function useMemberCaseIds(): ReadonlySet<string> | null {
  const cases = useCases({});
  return useMemo(() => (cases.data ? new Set(cases.data.items.map((c) => c.id)) : null), [cases.data]);
}

/** The matcher's score as a bar and a percentage, coloured by how strongly it suggests a match. */
export function ScoreBar({ score, isMatch }: { score: number; isMatch?: boolean }) {
  const { t, i18n } = useTranslation();
  const text = formatScore(score, i18n.language);
  return (
    <Group gap="xs" wrap="nowrap" data-testid="match-score" data-score={score}>
      <Progress value={scorePercent(score)} color={SCORE_COLOR[scoreBand(score, isMatch)]} w={110} size="md" radius="xl" aria-label={t('matching.score.label', { score: text })} />
      <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {text}
      </Text>
    </Group>
  );
}

function EffectIcon({ effect }: { effect: Evidence['effect'] }) {
  const path = effect === 'for' ? 'M5 12l5 5 9-10' : effect === 'against' ? 'M6 6l12 12M18 6L6 18' : 'M6 12h12';
  return (
    <ThemeIcon size={20} radius="xl" variant="light" color={effect === 'for' ? 'teal' : effect === 'against' ? 'red' : 'gray'}>
      <svg width="12" height="12" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round">
        <path d={path} />
      </svg>
    </ThemeIcon>
  );
}

/**
 * Why the matcher thinks so: one sentence per piece of evidence, for or against, in the reader's
 * language (worded from the evidence's code). Evidence stored before codes existed keeps the
 * matcher's English sentence, marked as English so a screen reader reads it so.
 */
export function Explanation({ evidence }: { evidence: Evidence[] }) {
  const { t, i18n } = useTranslation();
  const countries = useCountryNames();
  const sentences = useMemo(() => evidence.map((e) => explainEvidence(e, { t, lang: i18n.language, countryName: countries.nameOf })), [evidence, t, i18n.language, countries.nameOf]);
  if (evidence.length === 0) return null;
  const someInEnglish = i18n.language !== 'en' && sentences.some((s) => !s.translated);
  return (
    <Stack gap={4} data-testid="match-explanation">
      <Text size="xs" c="dimmed" fw={600}>
        {t('matching.explanation.title')}
        {someInEnglish ? ` ${t('matching.explanation.inEnglish')}` : ''}
      </Text>
      <List spacing={4} size="sm" center listStyleType="none">
        {evidence.map((e, i) => (
          <List.Item key={`${e.kind}:${i}`} icon={<EffectIcon effect={e.effect} />} data-testid="match-evidence" data-effect={e.effect} data-kind={e.kind} data-code={e.code ?? ''}>
            <VisuallyHidden>{`${t(`matching.evidence.effect.${e.effect}`)}, ${t(`matching.evidence.kind.${e.kind}`, { defaultValue: e.kind })}: `}</VisuallyHidden>
            <Text span size="sm" {...(sentences[i]?.translated ? {} : { lang: 'en', dir: 'ltr' })} style={{ overflowWrap: 'anywhere' }}>
              {sentences[i]?.text}
            </Text>
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

/** "Matched on keyed hashes only": one side is hit/no-hit only, so its values were never compared in clear. */
export function BlindNote() {
  const { t } = useTranslation();
  return (
    <Text size="xs" c="dimmed" data-testid="match-blind">
      <Badge size="xs" variant="outline" color="grape" me={6}>
        {t('matching.blind.badge')}
      </Badge>
      {t('matching.blind.note')}
    </Text>
  );
}

/** An entity of a match: its name, type, case reference (a link where I may open it) and lead country. */
export function EntityRef({ entity, memberCaseIds, label }: { entity: MatchedEntity; memberCaseIds: ReadonlySet<string> | null; label?: string }) {
  const { t } = useTranslation();
  const schemaLabel = useSchemaLabel();
  const link = entityLink(entity, memberCaseIds);
  return (
    <Stack gap={2} data-testid="match-entity" data-id={entity.id} data-case={entity.caseId}>
      {label ? (
        <Text size="xs" c="dimmed" fw={600}>
          {label}
        </Text>
      ) : null}
      <Anchor component={Link} to={link.to} fw={700} dir="auto" data-testid="match-entity-caption" style={{ overflowWrap: 'anywhere' }}>
        {entity.caption}
      </Anchor>
      <Group gap={6} wrap="wrap">
        <Text size="xs" c="dimmed">
          {schemaLabel(entity.schema)}
        </Text>
        {link.inCase ? (
          <Anchor component={Link} to={`/cases/${entity.caseId}`} size="xs" ff="monospace" data-testid="match-case-reference">
            {entity.caseReference}
          </Anchor>
        ) : (
          <Text size="xs" ff="monospace" data-testid="match-case-reference">
            {entity.caseReference}
          </Text>
        )}
        <Text span size="xs" c="dimmed">
          {t('matching.ledBy')}
        </Text>
        <CountryTag code={entity.leadCountry} size="xs" />
      </Group>
    </Stack>
  );
}

/** Same / Not the same / Unsure, once; afterwards my verdict. */
export function VerdictButtons({ item }: { item: MatchPair }) {
  const { t } = useTranslation();
  const judge = useJudge();
  if (item.verdict) {
    return (
      <Group gap="xs" data-testid="match-verdict" data-verdict={item.verdict}>
        <Text size="sm">{t('matching.verdict.yours')}</Text>
        <Badge color={VERDICT_COLOR[item.verdict]} variant="light">
          {t(`matching.verdict.${item.verdict}`)}
        </Badge>
      </Group>
    );
  }
  const decide = async (verdict: TVerdict) => {
    try {
      await judge.mutateAsync({ candidateId: item.candidateId, verdict });
      notifications.show({ color: 'teal', message: t('matching.verdict.saved', { verdict: t(`matching.verdict.${verdict}`) }) });
    } catch {
      // Shown below the buttons.
    }
  };
  const already = judge.error instanceof ApiError && judge.error.status === 409;
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap" role="group" aria-label={t('matching.verdict.question')}>
        <Text size="sm" fw={600}>
          {t('matching.verdict.question')}
        </Text>
        {VERDICTS.map((verdict) => (
          <Button
            key={verdict}
            size="xs"
            variant={verdict === 'unsure' ? 'default' : 'light'}
            color={VERDICT_COLOR[verdict]}
            onClick={() => void decide(verdict)}
            loading={judge.isPending && judge.variables?.verdict === verdict}
            disabled={judge.isPending && judge.variables?.verdict !== verdict}
            data-testid={`match-verdict-${verdict}`}
          >
            {t(`matching.verdict.${verdict}`)}
          </Button>
        ))}
      </Group>
      {already ? (
        <Text size="sm" c="orange" role="alert">
          {t('matching.verdict.already')}
        </Text>
      ) : (
        <ErrorAlert error={judge.error} />
      )}
      <Text size="xs" c="dimmed">
        {t('matching.verdict.help')}
      </Text>
    </Stack>
  );
}

/**
 * A pair I can see both sides of (always in two different cases): in the drawer, the other
 * entity only (mine is open); in the queue, both side by side.
 */
export function MatchCard({ item: given, memberCaseIds, sideBySide = false }: { item: MatchPair; memberCaseIds: ReadonlySet<string> | null; sideBySide?: boolean }) {
  const { t } = useTranslation();
  const item = sideBySide ? orientPair(given, memberCaseIds) : given;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="match-card" data-candidate={item.candidateId} data-kind="match">
      <Stack gap="sm">
        {sideBySide ? (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <EntityRef entity={item.entity} memberCaseIds={memberCaseIds} label={t('matching.yourEntity')} />
            <EntityRef entity={item.other} memberCaseIds={memberCaseIds} label={t('matching.possibleMatch')} />
          </SimpleGrid>
        ) : (
          <EntityRef entity={item.other} memberCaseIds={memberCaseIds} />
        )}
        <ScoreBar score={item.score} isMatch={item.isMatch} />
        {item.blind ? <BlindNote /> : null}
        <Explanation evidence={item.explanation} />
        <VerdictButtons item={item} />
      </Stack>
    </Paper>
  );
}

export function AccessStatusBadge({ status }: { status: 'pending' | 'granted' | 'refused' }) {
  const { t } = useTranslation();
  return (
    <Badge color={ACCESS_COLOR[status]} variant="light" data-testid="access-status" data-status={status}>
      {t(`matching.access.status.${status}`)}
    </Badge>
  );
}

/** Ask the lead of the case holding the hidden entity to let me see it, with a reason. */
export function AskAccessButton({ hit }: { hit: MatchHit }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  const ask = useRequestAccess();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<'tooShort' | 'tooLong' | null>(null);
  const close = () => {
    if (ask.isPending) return;
    setOpened(false);
    setProblem(null);
    ask.reset();
  };
  const submit = async () => {
    const found = reasonProblem(reason);
    setProblem(found);
    if (found) return;
    try {
      await ask.mutateAsync({ candidateId: hit.candidateId, reason: reason.trim() });
      notifications.show({ color: 'teal', message: t('matching.access.sent', { country: countries.nameOf(hit.leadCountry) }) });
      setOpened(false);
      setReason('');
    } catch {
      // Shown in the dialog.
    }
  };
  return (
    <>
      <Button size="xs" onClick={() => setOpened(true)} data-testid="match-ask-access">
        {hit.accessRequest === 'refused' ? t('matching.access.askAgain') : t('matching.access.ask')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('matching.access.title')} centered>
        <Stack data-testid="match-access-dialog">
          <Text size="sm">{t('matching.access.help', { country: countries.nameOf(hit.leadCountry) })}</Text>
          <Textarea
            label={t('matching.access.reason')}
            description={t('matching.access.reasonHelp')}
            autosize
            minRows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={problem ? t(`matching.access.${problem}`) : undefined}
            dir="auto"
            data-autofocus
            data-testid="match-access-reason"
          />
          <ErrorAlert error={ask.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button onClick={() => void submit()} loading={ask.isPending} data-testid="match-access-submit">
              {t('matching.access.submit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * A possible match in an entity I cannot see: only the lead country of the case holding it is
 * told. Nothing else of the other side is shown, nor guessed.
 */
export function HitCard({ hit, memberCaseIds, showMine = false }: { hit: MatchHit; memberCaseIds: ReadonlySet<string> | null; showMine?: boolean }) {
  const { t } = useTranslation();
  const countries = useCountryNames();
  return (
    <Alert color="orange" variant="light" radius="md" data-testid="match-card" data-candidate={hit.candidateId} data-kind="hit" data-lead={hit.leadCountry}>
      <Stack gap="xs">
        {showMine ? <EntityRef entity={hit.entity} memberCaseIds={memberCaseIds} label={t('matching.yourEntity')} /> : null}
        <Title order={4} size="h5" data-testid="match-hit-title">
          {t('matching.hit.title', { country: countries.nameOf(hit.leadCountry) })}
        </Title>
        <Text size="sm">{t('matching.hit.body')}</Text>
        <Group gap="xs" wrap="wrap">
          {hit.accessRequest ? <AccessStatusBadge status={hit.accessRequest} /> : null}
          {hit.accessRequest === 'pending' ? (
            <Text size="xs" c="dimmed">
              {t('matching.access.pendingHelp')}
            </Text>
          ) : null}
          {canAskAccess(hit) ? <AskAccessButton hit={hit} /> : null}
        </Group>
      </Stack>
    </Alert>
  );
}

/** One item of a list of matches, whichever kind it is. */
export function MatchItemCard({ item, memberCaseIds, sideBySide }: { item: TMatchItem; memberCaseIds: ReadonlySet<string> | null; sideBySide?: boolean }) {
  return item.kind === 'match' ? (
    <MatchCard item={item} memberCaseIds={memberCaseIds} sideBySide={sideBySide} />
  ) : (
    <HitCard hit={item} memberCaseIds={memberCaseIds} showMine={sideBySide} />
  );
}
