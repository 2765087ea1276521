/**
 * Registration, as the app and other features see it: sending someone to
 * register (a deep link, or another feature that needs a registered
 * resident), the conversation itself (the request intake runs it first for
 * someone who isn't registered yet), and /register.
 */
export { registrationCommands, startRegistration } from "./commands.js";
export { REGISTRATION, registration } from "./registration.js";
