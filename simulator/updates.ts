/**
 * Typed builders for incoming Telegram updates, to feed a grammY bot via
 * `bot.handleUpdate(update)` or `fake.queueUpdate(update)`.
 *
 * update_id and message_id come from module-level counters, so every builder
 * call yields fresh ids. Incoming message ids start at 10001 so they never
 * collide with the ids the fake server gives to messages the bot sends (1, 2, ...).
 */
import type {
  Chat,
  ChatMember,
  ChatMemberUpdated,
  Message,
  MessageEntity,
  Update,
  User,
} from "grammy/types";

let lastUpdateId = 0;
let lastMessageId = 10_000;
let lastPhotoId = 0;

/** The fake server's default bot, used as author of messages carrying buttons. */
const DEFAULT_BOT: User = {
  id: 123456,
  is_bot: true,
  first_name: "Linli",
  username: "linli_test_bot",
};

type NonChannelChat = Exclude<Chat, Chat.ChannelChat>;
type IncomingMessage = NonNullable<Update["message"]>;

const now = () => Math.floor(Date.now() / 1000);
const nextUpdateId = () => ++lastUpdateId;
const nextMessageId = () => ++lastMessageId;

export function makeUser(
  id: number,
  opts: { first_name?: string; username?: string; language_code?: string } = {},
): User {
  const user: User = { id, is_bot: false, first_name: opts.first_name ?? `User${id}` };
  if (opts.username !== undefined) user.username = opts.username;
  if (opts.language_code !== undefined) user.language_code = opts.language_code;
  return user;
}

export function privateChat(user: User): Chat.PrivateChat {
  const chat: Chat.PrivateChat = { id: user.id, type: "private", first_name: user.first_name };
  if (user.username !== undefined) chat.username = user.username;
  return chat;
}

/** A supergroup if `id` <= -1000000000000 (Telegram's -100... ids), else a basic group. */
export function groupChat(id: number, title = "Test group"): Chat.GroupChat | Chat.SupergroupChat {
  return id <= -1_000_000_000_000
    ? { id, type: "supergroup", title }
    : { id, type: "group", title };
}

/** Wraps message fields into a `message` update. */
function messageUpdate(
  chat: Chat,
  from: User,
  fields: Omit<Message, "message_id" | "date" | "chat" | "from">,
): Update {
  const message: IncomingMessage = {
    ...fields,
    message_id: nextMessageId(),
    date: now(),
    chat: chat as NonChannelChat,
    from,
  } as IncomingMessage;
  return { update_id: nextUpdateId(), message };
}

/** Text plus a bot_command entity covering the first word when it starts with "/". */
function textFields(text: string): { text: string; entities?: MessageEntity[] } {
  if (!text.startsWith("/")) return { text };
  const length = text.split(/\s/, 1)[0]?.length ?? text.length;
  return { text, entities: [{ type: "bot_command", offset: 0, length }] };
}

export function privateText(from: User, text: string): Update {
  return messageUpdate(privateChat(from), from, textFields(text));
}

export function groupText(from: User, chat: Chat, text: string): Update {
  return messageUpdate(chat, from, textFields(text));
}

/** The user shares a contact (their own unless `user_id` says otherwise). */
export function privateContact(
  from: User,
  contact: { phone_number: string; first_name?: string; user_id?: number },
): Update {
  return messageUpdate(privateChat(from), from, {
    contact: {
      phone_number: contact.phone_number,
      first_name: contact.first_name ?? from.first_name,
      user_id: contact.user_id ?? from.id,
    },
  });
}

export function privateDocument(
  from: User,
  doc: { file_id: string; file_name?: string; mime_type?: string; file_size?: number },
  caption?: string,
): Update {
  const fields: Omit<Message, "message_id" | "date" | "chat" | "from"> = {
    document: { ...doc, file_unique_id: `${doc.file_id}-unique` },
  };
  if (caption !== undefined) fields.caption = caption;
  return messageUpdate(privateChat(from), from, fields);
}

/** A photo in two sizes, like Telegram sends them. */
export function privatePhoto(from: User, caption?: string): Update {
  const id = ++lastPhotoId;
  const fields: Omit<Message, "message_id" | "date" | "chat" | "from"> = {
    photo: [
      {
        file_id: `photo-${id}-s`,
        file_unique_id: `photo-${id}-su`,
        width: 90,
        height: 67,
        file_size: 1_200,
      },
      {
        file_id: `photo-${id}-m`,
        file_unique_id: `photo-${id}-mu`,
        width: 800,
        height: 600,
        file_size: 48_000,
      },
    ],
  };
  if (caption !== undefined) fields.caption = caption;
  return messageUpdate(privateChat(from), from, fields);
}

/** The user presses an inline button with `data` under a message the bot sent. */
export function callbackPress(
  from: User,
  message: { chat: Chat; message_id: number; text?: string },
  data: string,
): Update {
  const msg: Message = {
    message_id: message.message_id,
    date: now(),
    chat: message.chat,
    from: DEFAULT_BOT,
  };
  if (message.text !== undefined) msg.text = message.text;
  const updateId = nextUpdateId();
  return {
    update_id: updateId,
    callback_query: {
      id: `cbq-${updateId}`,
      from,
      message: msg,
      chat_instance: `ci${message.chat.id}`,
      data,
    },
  };
}

/** Shorthand for `callbackPress` when only chat and message ids are known. */
export function callbackOn(from: User, chatId: number, messageId: number, data: string): Update {
  const chat: Chat =
    chatId > 0
      ? { id: chatId, type: "private", first_name: chatId === from.id ? from.first_name : "User" }
      : groupChat(chatId);
  return callbackPress(from, { chat, message_id: messageId }, data);
}

type MemberStatus = "left" | "member" | "administrator" | "kicked";

/** A realistic ChatMember object for `user` in the given status. */
function chatMember(user: User, status: MemberStatus): ChatMember {
  switch (status) {
    case "left":
      return { status, user };
    case "member":
      return { status, user };
    case "kicked":
      return { status, user, until_date: 0 };
    case "administrator":
      return {
        status,
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: false,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: false,
        can_invite_users: true,
        can_post_stories: false,
        can_edit_stories: false,
        can_delete_stories: false,
        can_pin_messages: true,
        can_send_welcome_messages: false,
      };
  }
}

/** The bot's own membership changed (added to a group, promoted, kicked, user blocked it...). */
export function myChatMember(
  chat: Chat,
  from: User,
  oldStatus: MemberStatus,
  newStatus: MemberStatus,
  botUser: User,
): Update {
  const change: ChatMemberUpdated = {
    chat,
    from,
    date: now(),
    old_chat_member: chatMember(botUser, oldStatus),
    new_chat_member: chatMember(botUser, newStatus),
  };
  return { update_id: nextUpdateId(), my_chat_member: change };
}

/** `from` asks to join `chat` (a supergroup for Telegram; basic groups are cast). */
export function chatJoinRequest(chat: Chat, from: User): Update {
  return {
    update_id: nextUpdateId(),
    chat_join_request: {
      chat: chat as Chat.SupergroupChat,
      from,
      user_chat_id: from.id,
      date: now(),
    },
  };
}

/** Service message in the old basic group: it became supergroup `newChatId`. */
export function migrateToSupergroup(oldChat: Chat, newChatId: number, from: User): Update {
  return messageUpdate(oldChat, from, { migrate_to_chat_id: newChatId });
}

/** Service message in the new supergroup: it was migrated from `oldChatId`. */
export function migrateFromGroup(newChatId: number, oldChatId: number, from: User): Update {
  return messageUpdate(groupChat(newChatId), from, { migrate_from_chat_id: oldChatId });
}
