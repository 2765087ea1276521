/** The community layout: /layout and a CSV sent as a document. */
export { layout } from "./commands.js";
