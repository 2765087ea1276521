/** /coverage: who has registered, who can be reached, which rooms are missing. */
export { coverage } from "./commands.js";
