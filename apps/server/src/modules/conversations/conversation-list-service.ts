import type { MemberActor } from '../../auth/actor';
import type { ConversationStatus } from '../../db/column-values';
import { inOneRound } from '../../db/read-rounds';
import { appError } from '../../errors/app-error';
import type { Schemas } from '../../http/schemas';
import { findAccountContact } from '../contacts/contact-access';
import { normalisedLabels } from '../contacts/contact-label-service';
import type { AccountDirectory } from '../directory/account-directory';
import type { FilterCondition } from '../filters/filter-attribute';
import type { ServiceDependencies } from '../service-dependencies';
import { directoryOf, visibleInboxIds } from './conversation-access';
import { conversationFilterCondition, soleLabelOf } from './conversation-filter';
import {
  type ConversationCounts,
  type ConversationHolder,
  type ConversationOrder,
  type ConversationSelection,
  conversationListing,
  conversationOrders,
} from './conversation-listing';
import { presentConversations } from './conversation-presenter';
import type { ConversationRecord } from './conversation-repository';
import type { Presentation } from './conversation-service';

export const conversationsPerPage = 25;

/** How many of a contact's conversations its conversation list shows, the most recently active. */
export const contactConversationsShown = 20;

/** The filters the conversation list and its counts share. */
export interface ConversationFilters {
  status?: ConversationStatus | 'all';
  inboxId?: number;
  teamId?: number;
  labels?: string[];
  q?: string;
}

export interface ConversationListing extends ConversationFilters {
  assigneeType?: string;
  sortBy?: string;
  page?: number;
}

export interface ConversationListPage {
  counts: ConversationCounts;
  conversations: Schemas['Conversation'][];
}

const holders: readonly string[] = ['me', 'unassigned', 'assigned'] satisfies ConversationHolder[];

/** The holder `assignee_type` names; any other value lists every holder. */
const holderOf = (assigneeType: string | undefined): ConversationHolder =>
  assigneeType !== undefined && holders.includes(assigneeType) ? (assigneeType as ConversationHolder) : 'anyone';

const orderNames: readonly string[] = conversationOrders;

/** The older names of some orders, which clients of the reference may still send. */
const formerOrderNames = new Map<string, ConversationOrder>([
  ['latest', 'last_activity_at_desc'],
  ['sort_on_created_at', 'created_at_asc'],
  ['sort_on_priority', 'priority_desc'],
  ['sort_on_waiting_since', 'waiting_since_asc'],
]);

/** The order `sort_by` names; any unknown value gives the most recent activity first. */
function orderOf(sortBy: string | undefined): ConversationOrder {
  if (sortBy === undefined) return 'last_activity_at_desc';
  if (orderNames.includes(sortBy)) return sortBy as ConversationOrder;
  return formerOrderNames.get(sortBy) ?? 'last_activity_at_desc';
}

/**
 * The conversation lists of an account as one member sees them: administrators every conversation, agents those of
 * the inboxes they are members of. Being in a conversation's team lets an agent open it, not list it.
 */
export function conversationListService({ db, clock, directories }: ServiceDependencies) {
  const listing = conversationListing(db);

  /** The inboxes the member's lists read: all of the account's, those they are a member of, narrowed to `inboxId`. */
  function listedInboxIds(
    directory: AccountDirectory,
    member: MemberActor,
    inboxId: number | undefined,
  ): number[] | undefined {
    const visible = visibleInboxIds(directory, member);
    if (inboxId === undefined) return visible;
    return visible === undefined || visible.includes(inboxId) ? [inboxId] : [];
  }

  /** What the filters select among what the member sees; an unknown team is a 404. */
  function selectionFor(
    directory: AccountDirectory,
    member: MemberActor,
    filters: ConversationFilters,
  ): ConversationSelection {
    const accountId = member.account.id;
    if (filters.teamId !== undefined && !directory.team(filters.teamId, member.user.id)) {
      throw appError('RESOURCE_NOT_FOUND');
    }
    const inboxIds = listedInboxIds(directory, member, filters.inboxId);
    const labels = normalisedLabels(filters.labels ?? []);
    const text = filters.q === '' ? undefined : filters.q;
    // A search finds conversations of every status.
    const status = text !== undefined || filters.status === 'all' ? undefined : (filters.status ?? 'open');
    return {
      accountId,
      ...(inboxIds !== undefined && { inboxIds }),
      ...(status !== undefined && { status }),
      ...(filters.teamId !== undefined && { teamId: filters.teamId }),
      ...(labels.length > 0 && { labels }),
      ...(text !== undefined && { text }),
    };
  }

  function present(
    directory: AccountDirectory,
    member: MemberActor,
    records: ConversationRecord[],
    presentation: Presentation,
  ) {
    return presentConversations(db, records, {
      viewer: member,
      accountId: member.account.id,
      directory,
      nowSeconds: clock.nowSeconds(),
      presentAttachment: presentation.presentAttachment,
    });
  }

  return {
    /** One page of the conversations the filters select, held as `assigneeType` says, with the counts by holder. */
    async list(
      member: MemberActor,
      request: ConversationListing,
      presentation: Presentation,
    ): Promise<ConversationListPage> {
      const directory = await directoryOf(directories, member);
      const selection = selectionFor(directory, member, request);
      const [counts, records] = await inOneRound(db, (round) =>
        Promise.all([
          conversationListing(round).counts(selection, member.user.id),
          conversationListing(round).page(selection, member.user.id, {
            holder: holderOf(request.assigneeType),
            order: orderOf(request.sortBy),
            page: request.page ?? 1,
            pageSize: conversationsPerPage,
          }),
        ]),
      );
      return { counts, conversations: await present(directory, member, records, presentation) };
    },

    /**
     * One page of the conversations a filter's conditions select, of every status unless a condition names one, most
     * recently active first, with the counts by holder.
     */
    async filter(
      member: MemberActor,
      conditions: FilterCondition[],
      page: number | undefined,
      presentation: Presentation,
    ): Promise<ConversationListPage> {
      const accountId = member.account.id;
      const condition = await conversationFilterCondition(db, accountId, conditions, clock.nowSeconds());
      const directory = await directoryOf(directories, member);
      const inboxIds = visibleInboxIds(directory, member);
      const visible = { accountId, ...(inboxIds !== undefined && { inboxIds }) };
      const selection: ConversationSelection = { ...visible, condition };
      // A filter by one label is counted as the label's list of every status is, which the tallies count.
      const label = soleLabelOf(conditions);
      const counted: ConversationSelection = label === undefined ? selection : { ...visible, labels: [label] };
      const [counts, records] = await inOneRound(db, (round) =>
        Promise.all([
          conversationListing(round).counts(counted, member.user.id),
          conversationListing(round).page(selection, member.user.id, {
            holder: 'anyone',
            order: 'last_activity_at_desc',
            page: page ?? 1,
            pageSize: conversationsPerPage,
          }),
        ]),
      );
      return { counts, conversations: await present(directory, member, records, presentation) };
    },

    /** The counts by holder of the conversations the filters select. */
    async counts(member: MemberActor, filters: ConversationFilters): Promise<ConversationCounts> {
      const directory = await directoryOf(directories, member);
      return listing.counts(selectionFor(directory, member, filters), member.user.id);
    },

    /** The contact's most recently active conversations among those the member sees; 404 for an unknown contact. */
    async ofContact(
      member: MemberActor,
      contactId: number,
      presentation: Presentation,
    ): Promise<Schemas['Conversation'][]> {
      const contact = await findAccountContact(db, member, contactId);
      const directory = await directoryOf(directories, member);
      const inboxIds = visibleInboxIds(directory, member);
      const records = await listing.page(
        { accountId: member.account.id, contactId: contact.id, ...(inboxIds !== undefined && { inboxIds }) },
        member.user.id,
        { holder: 'anyone', order: 'last_activity_at_desc', page: 1, pageSize: contactConversationsShown },
      );
      return present(directory, member, records, presentation);
    },
  };
}

export type ConversationListService = ReturnType<typeof conversationListService>;
