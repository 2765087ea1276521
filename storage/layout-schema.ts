/** The community layout: buildings and the rooms that exist. */

export interface BuildingsTable {
  code: string;
  created_at: string;
}

export interface RoomsTable {
  building: string;
  unit: string;
  room: string;
}
