import { Anchor, Group, Paper, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { ASSET_STAGES, isEdgeSchema, schemaOf, type TCaseDetail, type TTimelineEvent } from '@focal/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/hooks';
import { EmptyMessage } from '../../components/EmptyMessage';
import { formatDate, formatDateTime } from '../../components/format';
import { QueryState } from '../../components/QueryState';
import { useCountryNames } from '../../components/useReference';
import { personName } from '../mail/format';
import { useTimeline } from './api';
import { formatMoney } from './assets';
import { CountryTag } from './CaseBadges';
import { useSchemaLabel } from './EntityView';

/** The kinds of event the timeline names; anything else is shown as "other". */
export const TIMELINE_KINDS = [
  'created',
  'country_added',
  'member_added',
  'member_removed',
  'join_requested',
  'entity_added',
  'entity_updated',
  'entity_deleted',
  'entities_imported',
  'entities_exported',
  'status_changed',
  'updated',
  'review_renewed',
  'review_due',
  'closed',
  'request_send',
  'request_acknowledge',
  'request_start',
  'request_answer',
  'request_answer_partially',
  'request_refuse',
  'request_withdraw',
  'request_close',
  'asset_valued',
  'measure_recorded',
  'document_uploaded',
] as const;

type Category = 'case' | 'people' | 'entity' | 'review' | 'request' | 'asset' | 'evidence';

function categoryOf(kind: string): Category {
  if (kind.startsWith('request_')) return 'request';
  if (kind === 'asset_valued' || kind === 'measure_recorded') return 'asset';
  if (kind.startsWith('document_')) return 'evidence';
  if (kind.startsWith('entit')) return 'entity';
  if (kind.startsWith('review')) return 'review';
  if (['country_added', 'member_added', 'member_removed', 'join_requested'].includes(kind)) return 'people';
  return 'case';
}

const CATEGORY_COLOR: Record<Category, string> = { case: 'gray', people: 'blue', entity: 'teal', review: 'orange', request: 'grape', asset: 'cyan', evidence: 'indigo' };

/** Small drawn icons (no emoji, which not every system can show). */
function CategoryIcon({ category }: { category: Category }) {
  const paths: Record<Category, string> = {
    case: 'M3 6h6l2 2h10v11H3z',
    people: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-7 9c0-4 3-6 7-6s7 2 7 6',
    entity: 'M6 6m-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0M18 18m-3 0a3 3 0 1 0 6 0a3 3 0 1 0-6 0M8 8l8 8',
    review: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zm0 4v5l3 3',
    request: 'M4 12h14m-5-5 5 5-5 5',
    asset: 'M3 10h18M5 10v8m4.7-8v8m4.6-8v8M19 10v8M3 21h18M12 3l9 5H3z',
    evidence: 'M6 3h8l4 4v14H6zM14 3v4h4M9 12h6m-6 4h6',
  };
  return (
    <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" strokeLinejoin="round">
      <path d={paths[category]} />
    </svg>
  );
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');

function useDetails() {
  const { t, i18n } = useTranslation();
  const countries = useCountryNames();
  const schemaLabel = useSchemaLabel();
  return (event: TTimelineEvent, detail: TCaseDetail): ReactNode => {
    const d = event.details;
    const memberName = (id: unknown) => {
      const member = detail.members.find((m) => m.person.id === id);
      return member ? personName(member.person) : t('cases.timeline.formerMember');
    };
    switch (event.kind) {
      case 'created':
        return t('cases.timeline.details.created', { reference: text(d.reference) });
      case 'country_added':
        return t('cases.timeline.details.country_added', { country: countries.nameOf(text(d.country)), role: t(`cases.roles.${text(d.role) || 'observer'}`) });
      case 'member_added':
        return t('cases.timeline.details.member_added', { name: memberName(d.userId), country: countries.nameOf(text(d.country)) });
      case 'member_removed':
        return t('cases.timeline.details.member_removed', { name: memberName(d.userId) });
      case 'entity_added':
      case 'entity_deleted': {
        const schema = text(d.schema);
        // A relation has no name of its own: the server records the model's (English) schema label.
        if (isEdgeSchema(schema) && text(d.caption) === schemaOf(schema)?.label) return schemaLabel(schema);
        return t('cases.timeline.details.entity', { caption: text(d.caption), schema: schemaLabel(schema) });
      }
      case 'entity_updated':
        return t('cases.timeline.details.entity_updated', { caption: text(d.caption), added: Number(d.added ?? 0), removed: Number(d.removed ?? 0) });
      case 'entities_imported':
        return t('cases.timeline.details.entities_imported', { n: Number(d.count ?? 0), errors: Number(d.errors ?? 0) });
      case 'status_changed':
        return t('cases.timeline.details.status_changed', { status: t(`cases.status.${text(d.status) || 'open'}`) });
      case 'updated': {
        const fields = Array.isArray(d.fields) ? (d.fields as unknown[]).map((f) => t(`cases.timeline.fields.${text(f)}`, { defaultValue: text(f) })) : [];
        return t('cases.timeline.details.updated', { fields: fields.join(', ') });
      }
      case 'review_renewed':
        return t('cases.timeline.details.review_renewed', { date: formatDate(`${text(d.reviewDate)}T12:00:00Z`, i18n.language), reason: text(d.reason) });
      case 'review_due':
        return t('cases.timeline.details.review_due', { date: formatDate(`${text(d.reviewDate)}T12:00:00Z`, i18n.language) });
      case 'closed':
        return t('cases.timeline.details.closed', { reason: text(d.reason) });
      case 'asset_valued':
        return t('cases.timeline.details.asset_valued', { caption: text(d.caption), amount: formatMoney(text(d.amount), text(d.currency), i18n.language) });
      case 'measure_recorded': {
        const stage = text(d.stage);
        return t('cases.timeline.details.measure_recorded', {
          caption: text(d.caption),
          stage: (ASSET_STAGES as readonly string[]).includes(stage) ? t(`cases.assets.stages.${stage}`) : stage,
          amount: formatMoney(text(d.amount), text(d.currency), i18n.language),
        });
      }
      case 'document_uploaded':
        return d.title ? t('cases.timeline.details.document_uploaded', { title: text(d.title) }) : t('cases.timeline.details.document_version', { version: text(d.version) });
      default:
        if (event.kind.startsWith('request_') && d.requestId) {
          return (
            <>
              <Anchor component={Link} to={`/requests/${text(d.requestId)}`} size="sm" ff="monospace" data-testid="timeline-request-link">
                {text(d.reference)}
              </Anchor>
              {d.toCountry ? ` · ${t('cases.timeline.details.requestTo', { country: countries.nameOf(text(d.toCountry)) })}` : ''}
            </>
          );
        }
        return null;
    }
  };
}

function EventItem({ event, detail }: { event: TTimelineEvent; detail: TCaseDetail }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const details = useDetails();
  const known = (TIMELINE_KINDS as readonly string[]).includes(event.kind);
  const body = details(event, detail);
  return (
    <Stack gap={2} data-testid="timeline-event" data-kind={event.kind}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={600}>
          {known ? t(`cases.timeline.kinds.${event.kind}`) : t('cases.timeline.kinds.other')}
        </Text>
        {event.country ? <CountryTag code={event.country} withName={false} size="xs" /> : null}
      </Group>
      {body ? (
        <Text size="sm" dir="auto" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }} data-testid="timeline-details">
          {body}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed">
        {event.actor ? t('cases.timeline.by', { name: personName(event.actor), time: formatDateTime(event.at, i18n.language, me?.timeZone) }) : t('cases.timeline.bySystem', { time: formatDateTime(event.at, i18n.language, me?.timeZone) })}
      </Text>
    </Stack>
  );
}

/** What happened in the case, newest first, as far as the reader's country may see. */
export function TimelineTab({ detail }: { detail: TCaseDetail }) {
  const { t } = useTranslation();
  const timeline = useTimeline(detail.id);
  const items = timeline.data ?? [];
  return (
    <Paper withBorder p="md" radius="md" data-testid="timeline-tab">
      <QueryState query={timeline} isEmpty={items.length === 0} empty={<EmptyMessage title={t('cases.timeline.emptyTitle')} />}>
        <Timeline bulletSize={26} lineWidth={2} data-testid="timeline">
          {items.map((event) => {
            const category = categoryOf(event.kind);
            return (
              <Timeline.Item
                key={event.id}
                bullet={
                  <ThemeIcon size={26} radius="xl" color={CATEGORY_COLOR[category]} variant="light">
                    <CategoryIcon category={category} />
                  </ThemeIcon>
                }
              >
                <EventItem event={event} detail={detail} />
              </Timeline.Item>
            );
          })}
        </Timeline>
      </QueryState>
    </Paper>
  );
}
