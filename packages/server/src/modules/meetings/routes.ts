import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZActionItem,
  ZActionItemInput,
  ZActionItemUpdate,
  ZAgendaItemInput,
  ZAgendaItemUpdate,
  ZCalendarFeedStatus,
  ZCountryCode,
  ZInvitablePerson,
  ZInvitees,
  ZMeetingCounts,
  ZMeetingCreate,
  ZMeetingDetail,
  ZMeetingListQuery,
  ZMeetingNotice,
  ZMeetingSettings,
  ZMeetingSummary,
  ZMeetingUpdate,
  ZMinutesInput,
  ZRsvpInput,
  ZSlotResult,
  ZSlotSearch,
  ZWeekendInput,
  ZWorkingHours,
  listOf,
} from '@focal/shared';
import type { App } from '../../http.js';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../plugins/auth.js';
import { notFound } from '../../errors.js';
import { contentDisposition } from '../messaging/attachments.js';
import { createFeed, feedCalendar, feedStatus, meetingIcs, revokeFeed, sessionCalendar } from './calendar.js';
import { addActionItem, addAgendaItem, myActionItems, readMeetingDocument, removeAgendaItem, removeMeetingDocument, saveMinutes, updateActionItem, updateAgendaItem, uploadMeetingDocument } from './content.js';
import { addInvitees, cancelMeeting, createMeeting, listMeetings, listNotices, meetingCounts, readNotices, removeInvitee, respond, updateMeeting, viewMeeting } from './service.js';
import { invitablePeople, meetingSettings, searchSlots, setWeekend, setWorkingHours } from './slots.js';

const tags = ['meetings'];
const meetingParams = z.object({ id: z.uuid() });

function sendCalendar(reply: FastifyReply, ics: string, name: string, method: string) {
  return reply
    .header('content-type', `text/calendar; charset=utf-8; method=${method}`)
    .header('content-disposition', contentDisposition(name))
    .header('cache-control', 'private, no-store')
    .send(ics);
}

export function registerMeetingRoutes(app: App, ctx: AppContext): void {
  app.get('/api/meetings', { schema: { tags, querystring: ZMeetingListQuery, response: { 200: listOf(ZMeetingSummary) } } }, async (request) => ({
    items: await listMeetings(ctx, actorOf(request), request.query, request.info),
  }));
  app.post('/api/meetings', { schema: { tags, body: ZMeetingCreate, response: { 200: ZMeetingDetail } } }, async (request) => {
    const id = await createMeeting(ctx, actorOf(request), request.body, request.info);
    return viewMeeting(ctx, actorOf(request), id, request.info);
  });

  // ---------------------------------------------------------------- planning helpers and settings
  app.post('/api/meetings/slots', { schema: { tags, body: ZSlotSearch, response: { 200: ZSlotResult } } }, async (request) => searchSlots(ctx, actorOf(request), request.body, request.info));
  app.get('/api/meetings/invitable', { schema: { tags, querystring: z.object({ q: z.string().max(200).optional(), caseId: z.uuid().optional() }), response: { 200: listOf(ZInvitablePerson) } } }, async (request) => ({
    items: await invitablePeople(ctx, actorOf(request), request.query),
  }));
  app.get('/api/meetings/settings', { schema: { tags, response: { 200: ZMeetingSettings } } }, async (request) => meetingSettings(ctx, actorOf(request)));
  app.put('/api/meetings/settings/working-hours', { schema: { tags, body: ZWorkingHours, response: { 200: ZMeetingSettings } } }, async (request) => {
    await setWorkingHours(ctx, actorOf(request), request.body, request.info);
    return meetingSettings(ctx, actorOf(request));
  });
  app.put('/api/meetings/weekends/:country', { schema: { tags, params: z.object({ country: ZCountryCode }), body: ZWeekendInput, response: { 200: ZMeetingSettings } } }, async (request) => {
    await setWeekend(ctx, actorOf(request), request.params.country, request.body.days, request.info);
    return meetingSettings(ctx, actorOf(request));
  });

  // ---------------------------------------------------------------- what is waiting for me
  app.get('/api/meetings/counts', { schema: { tags, response: { 200: ZMeetingCounts } } }, async (request) => meetingCounts(ctx, actorOf(request)));
  app.get('/api/meetings/notices', { schema: { tags, response: { 200: listOf(ZMeetingNotice) } } }, async (request) => ({ items: await listNotices(ctx, actorOf(request), request.info) }));
  app.post('/api/meetings/notices/read', { schema: { tags, body: z.object({ id: z.number().int().positive().optional() }) } }, async (request, reply) => {
    await readNotices(ctx, actorOf(request), request.body.id ?? null);
    return reply.code(204).send();
  });
  app.get('/api/meetings/actions', { schema: { tags, response: { 200: listOf(ZActionItem.extend({ meetingTitle: z.string() })) } } }, async (request) => ({
    items: await myActionItems(ctx, actorOf(request), request.info),
  }));

  // ---------------------------------------------------------------- calendars
  app.get('/api/meetings/calendar.ics', { schema: { tags } }, async (request, reply) => sendCalendar(reply, await sessionCalendar(ctx, actorOf(request), request.info), 'focal-meetings.ics', 'PUBLISH'));
  app.get('/api/meetings/feed', { schema: { tags, response: { 200: ZCalendarFeedStatus } } }, async (request) => feedStatus(ctx, actorOf(request)));
  app.post('/api/meetings/feed', { schema: { tags, response: { 200: ZCalendarFeedStatus } } }, async (request) => createFeed(ctx, actorOf(request), request.info));
  app.delete('/api/meetings/feed', { schema: { tags } }, async (request, reply) => {
    await revokeFeed(ctx, actorOf(request), request.info);
    return reply.code(204).send();
  });
  // Public on purpose: calendar applications cannot sign in. The random token in the address is
  // the credential (stored hashed, revocable); an unknown or revoked one is a plain 404.
  app.get('/api/meetings/feed/:token/calendar.ics', { config: { public: true }, schema: { tags, params: z.object({ token: z.string().max(200) }) } }, async (request, reply) => {
    const ics = await feedCalendar(ctx, request.params.token, request.info);
    if (ics === null) throw notFound();
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').send(ics);
  });

  // ---------------------------------------------------------------- one meeting
  app.get('/api/meetings/:id', { schema: { tags, params: meetingParams, response: { 200: ZMeetingDetail } } }, async (request) => viewMeeting(ctx, actorOf(request), request.params.id, request.info));
  app.patch('/api/meetings/:id', { schema: { tags, params: meetingParams, body: ZMeetingUpdate, response: { 200: ZMeetingDetail } } }, async (request) => {
    await updateMeeting(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post('/api/meetings/:id/cancel', { schema: { tags, params: meetingParams, response: { 200: ZMeetingDetail } } }, async (request) => {
    await cancelMeeting(ctx, actorOf(request), request.params.id, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
  app.get('/api/meetings/:id/calendar.ics', { schema: { tags, params: meetingParams } }, async (request, reply) => {
    const { ics, name } = await meetingIcs(ctx, actorOf(request), request.params.id, request.info);
    return sendCalendar(reply, ics, name, /METHOD:CANCEL/.test(ics) ? 'CANCEL' : 'REQUEST');
  });
  app.post('/api/meetings/:id/invitees', { schema: { tags, params: meetingParams, body: ZInvitees, response: { 200: ZMeetingDetail } } }, async (request) => {
    await addInvitees(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
  app.delete('/api/meetings/:id/invitees/:userId', { schema: { tags, params: z.object({ id: z.uuid(), userId: z.uuid() }), response: { 200: ZMeetingDetail } } }, async (request) => {
    await removeInvitee(ctx, actorOf(request), request.params.id, request.params.userId, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post('/api/meetings/:id/rsvp', { schema: { tags, params: meetingParams, body: ZRsvpInput, response: { 200: ZMeetingDetail } } }, async (request) => {
    await respond(ctx, actorOf(request), request.params.id, request.body.response, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });

  app.post('/api/meetings/:id/agenda', { schema: { tags, params: meetingParams, body: ZAgendaItemInput, response: { 200: ZMeetingDetail } } }, async (request) => {
    await addAgendaItem(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
  const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
  app.patch('/api/meetings/:id/agenda/:itemId', { schema: { tags, params: itemParams, body: ZAgendaItemUpdate, response: { 200: ZMeetingDetail } } }, async (request) => {
    await updateAgendaItem(ctx, actorOf(request), request.params.id, request.params.itemId, request.body, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
  app.delete('/api/meetings/:id/agenda/:itemId', { schema: { tags, params: itemParams, response: { 200: ZMeetingDetail } } }, async (request) => {
    await removeAgendaItem(ctx, actorOf(request), request.params.id, request.params.itemId, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });

  // Agenda papers arrive as the raw request body, as evidence does.
  app.register(async (plugin) => {
    const uploads = plugin.withTypeProvider<ZodTypeProvider>();
    uploads.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    uploads.post(
      '/api/meetings/:id/documents',
      {
        bodyLimit: Number.MAX_SAFE_INTEGER,
        schema: { tags, params: meetingParams, querystring: z.object({ name: z.string().min(1).max(1000), agendaItemId: z.uuid().optional() }), response: { 200: ZMeetingDetail } },
      },
      async (request) => {
        const length = request.headers['content-length'] ? Number(request.headers['content-length']) : null;
        await uploadMeetingDocument(
          ctx,
          actorOf(request),
          { meetingId: request.params.id, agendaItemId: request.query.agendaItemId ?? null, fileName: request.query.name, declaredLength: Number.isFinite(length) ? length : null, source: request.body as Readable },
          request.info,
        );
        return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
      },
    );
  });
  const documentParams = z.object({ id: z.uuid(), documentId: z.uuid() });
  app.get('/api/meetings/:id/documents/:documentId', { schema: { tags, params: documentParams } }, async (request, reply) => {
    const file = await readMeetingDocument(ctx, actorOf(request), request.params.id, request.params.documentId, request.info);
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', contentDisposition(file.name))
      .header('cache-control', 'private, no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .send(file.data);
  });
  app.delete('/api/meetings/:id/documents/:documentId', { schema: { tags, params: documentParams, response: { 200: ZMeetingDetail } } }, async (request) => {
    await removeMeetingDocument(ctx, actorOf(request), request.params.id, request.params.documentId, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });

  app.put('/api/meetings/:id/minutes', { bodyLimit: 2 * 1024 * 1024, schema: { tags, params: meetingParams, body: ZMinutesInput, response: { 200: ZMeetingDetail } } }, async (request) => {
    await saveMinutes(ctx, actorOf(request), request.params.id, request.body.text, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
  app.post('/api/meetings/:id/actions', { schema: { tags, params: meetingParams, body: ZActionItemInput, response: { 200: ZMeetingDetail } } }, async (request) => {
    await addActionItem(ctx, actorOf(request), request.params.id, request.body, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
  app.patch('/api/meetings/:id/actions/:actionId', { schema: { tags, params: z.object({ id: z.uuid(), actionId: z.uuid() }), body: ZActionItemUpdate, response: { 200: ZMeetingDetail } } }, async (request) => {
    await updateActionItem(ctx, actorOf(request), request.params.id, request.params.actionId, request.body, request.info);
    return viewMeeting(ctx, actorOf(request), request.params.id, request.info);
  });
}
