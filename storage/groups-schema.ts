/** Group chats the bot is in, and what each is bound to. */

export interface GroupsTable {
  chat_id: number;
  title: string | null;
  /** null until an admin binds it. */
  kind: "building" | "staff" | null;
  building: string | null;
  active: number;
  added_by: number | null;
  welcome_message_id: number | null;
  migrated_from: number | null;
  created_at: string;
  updated_at: string;
}
