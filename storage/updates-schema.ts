/** Update ids a process has taken (several processes behind one webhook). */

export interface HandledUpdatesTable {
  update_id: number;
  handled_at: string;
}
