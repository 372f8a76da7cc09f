import { readJson } from '../db/json-column';
import { type ConversationAccountShape, type MessageRow, planConversations } from './conversation-generator';

const now = 1_780_000_000;

/** Ten inboxes of five members among agents 2 to 31 (1 is the administrator), two with a bot, three teams. */
const account: ConversationAccountShape = {
  accountId: 7,
  adminId: 1,
  inboxes: Array.from({ length: 10 }, (_, index) => ({
    id: 100 + index,
    weight: 10 - index,
    memberIds: Array.from({ length: 5 }, (_, member) => 2 + ((index * 3 + member) % 30)),
    botId: index === 1 || index === 3 ? 900 : null,
  })),
  teams: [0, 1, 2].map((index) => ({
    id: 200 + index,
    name: `Team ${index}`,
    memberIds: Array.from({ length: 10 }, (_, member) => 2 + index * 10 + member),
  })),
  userNames: new Map(Array.from({ length: 31 }, (_, index) => [index + 1, `Agent ${index + 1}`])),
  bot: { id: 900, name: 'Bot' },
};
const firstIds = {
  contact: 11,
  contactInbox: 21,
  conversation: 31,
  conversationLabel: 41,
  message: 51,
  attachment: 61,
};

function plan(conversations: number, messages: number, seed = 3) {
  const planned = planConversations({ seed, now, conversations, messages, account, firstIds });
  return { planned, messages: [...planned.messages()] };
}

const share = (count: number, total: number) => count / total;

describe('conversation generator', () => {
  // One plan, large enough for the shares to settle, shared by the tests that only read it.
  let large: ReturnType<typeof plan>;
  beforeAll(() => {
    large = plan(5_000, 100_000);
  });

  it('gives the same rows for the same seed', () => {
    const first = plan(200, 3_000);
    const second = plan(200, 3_000);
    expect(second.planned.conversations).toEqual(first.planned.conversations);
    expect(second.messages).toEqual(first.messages);
    expect(plan(200, 3_000, 4).planned.conversations).not.toEqual(first.planned.conversations);
  });

  it('writes exactly the messages asked for, at least one per conversation, skewed around the average', () => {
    const { planned, messages } = large;
    expect(messages).toHaveLength(100_000);
    const perConversation = new Map<number, number>();
    for (const { message } of messages) {
      perConversation.set(message.conversation_id, (perConversation.get(message.conversation_id) ?? 0) + 1);
    }
    const counts = planned.conversations.map((conversation) => perConversation.get(conversation.id) ?? 0);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
    const sorted = [...counts].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    expect(median).toBeGreaterThan(5);
    expect(median).toBeLessThan(20);
    expect(sorted.at(-1)!).toBeGreaterThan(100);
  });

  it('gives ids, display ids and times in order', () => {
    const { planned, messages } = large;
    const outOfOrder = planned.conversations.filter(
      (conversation, index) =>
        conversation.id !== firstIds.conversation + index ||
        conversation.display_id !== index + 1 ||
        (index > 0 && conversation.created_at < planned.conversations[index - 1]!.created_at),
    );
    expect(outOfOrder).toEqual([]);
    const messagesOutOfOrder = messages.filter(
      ({ message }, index) =>
        message.id !== firstIds.message + index ||
        message.created_at >= now ||
        (index > 0 && message.created_at < messages[index - 1]!.message.created_at),
    );
    expect(messagesOutOfOrder).toEqual([]);
    expect(new Set(planned.conversations.map((conversation) => conversation.uuid)).size).toBe(5_000);
  });

  it('spreads statuses, assignees and labels as a busy account has them', () => {
    const { conversations, labels } = large.planned;
    const total = conversations.length;
    const count = (predicate: (conversation: (typeof conversations)[number]) => boolean) =>
      conversations.filter(predicate).length;
    expect(
      share(
        count((c) => c.status === 'resolved'),
        total,
      ),
    ).toBeGreaterThan(0.82);
    expect(
      share(
        count((c) => c.status === 'resolved'),
        total,
      ),
    ).toBeLessThan(0.94);
    expect(
      share(
        count((c) => c.status === 'open'),
        total,
      ),
    ).toBeGreaterThan(0.04);
    expect(
      share(
        count((c) => c.status === 'pending'),
        total,
      ),
    ).toBeGreaterThan(0.005);
    expect(
      share(
        count((c) => c.status === 'snoozed'),
        total,
      ),
    ).toBeGreaterThan(0.01);
    const open = conversations.filter((c) => c.status === 'open');
    const unassignedOpen = share(
      open.filter((c) => c.assignee_id === null && c.assignee_agent_bot_id === null).length,
      open.length,
    );
    expect(unassignedOpen).toBeGreaterThan(0.1);
    expect(unassignedOpen).toBeLessThan(0.35);
    const botHeld = conversations.filter((c) => c.assignee_agent_bot_id !== null);
    expect(botHeld.length).toBeGreaterThan(0);
    for (const conversation of botHeld) {
      expect(conversation.assignee_id).toBeNull();
      expect(account.inboxes.find((inbox) => inbox.id === conversation.inbox_id)!.botId).toBe(900);
    }
    for (const conversation of conversations.filter((c) => c.assignee_id !== null)) {
      expect(account.inboxes.find((inbox) => inbox.id === conversation.inbox_id)!.memberIds).toContain(
        conversation.assignee_id,
      );
    }
    const perConversation = new Map<number, string[]>();
    for (const label of labels)
      perConversation.set(label.conversation_id, [...(perConversation.get(label.conversation_id) ?? []), label.label]);
    expect(Math.max(...[...perConversation.values()].map((list) => list.length))).toBe(3);
    for (const list of perConversation.values()) expect(new Set(list).size).toBe(list.length);
    expect(share(perConversation.size, total)).toBeGreaterThan(0.5);
    expect(share(perConversation.size, total)).toBeLessThan(0.7);
  });

  it('mixes incoming, outgoing, activity messages and private notes', () => {
    const { messages } = large;
    const total = messages.length;
    const count = (predicate: (message: MessageRow) => boolean) =>
      messages.filter(({ message }) => predicate(message)).length;
    expect(
      share(
        count((m) => m.message_type === 'incoming'),
        total,
      ),
    ).toBeGreaterThan(0.38);
    expect(
      share(
        count((m) => m.message_type === 'incoming'),
        total,
      ),
    ).toBeLessThan(0.55);
    expect(
      share(
        count((m) => m.message_type === 'outgoing' && !m.private),
        total,
      ),
    ).toBeGreaterThan(0.3);
    expect(
      share(
        count((m) => m.message_type === 'activity'),
        total,
      ),
    ).toBeGreaterThan(0.04);
    expect(
      share(
        count((m) => m.message_type === 'activity'),
        total,
      ),
    ).toBeLessThan(0.2);
    expect(
      share(
        count((m) => m.private === true),
        total,
      ),
    ).toBeGreaterThan(0.02);
    expect(count((m) => m.private === true && m.message_type !== 'outgoing')).toBe(0);
    expect(count((m) => m.message_type === 'activity' && m.sender_type !== null)).toBe(0);
    expect(count((m) => m.message_type === 'incoming' && m.sender_type !== 'Contact')).toBe(0);
  });

  it('keeps every denormalised column of a conversation consistent with its messages', () => {
    const { planned, messages } = large;
    const byConversation = new Map<number, MessageRow[]>();
    for (const { message } of messages) {
      const list = byConversation.get(message.conversation_id) ?? [];
      list.push(message);
      byConversation.set(message.conversation_id, list);
    }
    const problems: string[] = [];
    for (const conversation of planned.conversations) {
      const own = byConversation.get(conversation.id)!;
      const last = own.at(-1)!;
      const problem = (what: string) => problems.push(`conversation ${conversation.id}: ${what}`);
      if (own[0]!.created_at !== conversation.created_at) problem('created_at is not its first message');
      if (own.some((message, index) => index > 0 && message.created_at <= own[index - 1]!.created_at)) {
        problem('messages not strictly in time order');
      }
      if (conversation.last_message_id !== last.id) problem('last_message_id');
      if (conversation.last_activity_at !== last.created_at) problem('last_activity_at');
      if (conversation.last_non_activity_message_id !== own.filter((m) => m.message_type !== 'activity').at(-1)!.id) {
        problem('last_non_activity_message_id');
      }
      const firstReply = own.find((m) => m.message_type === 'outgoing' && !m.private && m.sender_type === 'User');
      if (conversation.first_reply_created_at !== (firstReply?.created_at ?? null)) problem('first_reply_created_at');
      if (Math.floor(conversation.updated_at / 1000) !== conversation.last_activity_at) problem('updated_at (ms)');
      if (conversation.status === 'resolved' && conversation.waiting_since !== null) problem('resolved but waiting');
      const lastChat = own.filter((m) => m.message_type !== 'activity' && !m.private).at(-1)!;
      if (
        conversation.status !== 'resolved' &&
        lastChat.message_type === 'incoming' &&
        (conversation.waiting_since === null || conversation.waiting_since! > lastChat.created_at)
      ) {
        problem('the contact wrote last but is not waiting since then');
      }
      if (conversation.waiting_since !== null && !own.some((m) => m.created_at === conversation.waiting_since)) {
        problem('waiting_since is no message time');
      }
      for (const seen of [conversation.agent_last_seen_at, conversation.contact_last_seen_at]) {
        if (seen !== null && seen !== undefined && (seen < conversation.created_at || seen > now)) problem('last seen');
      }
      if (conversation.assignee_id === null && conversation.assignee_last_seen_at !== null) problem('assignee seen');
      if (conversation.status !== 'snoozed' && conversation.snoozed_until !== null) problem('snoozed_until');
      if (readJson(conversation.additional_attributes) === null) problem('additional_attributes');
    }
    expect(problems).toEqual([]);
  });

  it('gives each contact a session per inbox it writes to, created before its first conversation', () => {
    const { contacts, contactInboxes, conversations } = large.planned;
    const sessions = new Map(contactInboxes.map((session) => [session.id, session]));
    const contactsById = new Map(contacts.map((contact) => [contact.id, contact]));
    for (const conversation of conversations) {
      const session = sessions.get(conversation.contact_inbox_id!)!;
      expect(session.contact_id).toBe(conversation.contact_id);
      expect(session.inbox_id).toBe(conversation.inbox_id);
      expect(contactsById.get(conversation.contact_id)!.created_at).toBeLessThanOrEqual(conversation.created_at);
    }
    expect(new Set(contactInboxes.map((session) => `${session.inbox_id}:${session.source_id}`)).size).toBe(
      contactInboxes.length,
    );
    // Some contacts come back.
    expect(contacts.length).toBeLessThan(conversations.length * 0.75);
  });

  it('refuses fewer messages than conversations', () => {
    expect(() => planConversations({ seed: 1, now, conversations: 10, messages: 9, account, firstIds })).toThrow(
      /at least as many messages/,
    );
  });
});
