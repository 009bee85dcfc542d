// Public surface of the sandbox AWS peer.
export { startAwsPeer, DEFAULT_ACCOUNT_ID } from "./aws-peer";
export { SANDBOX_MFA_CODE } from "./aws-peer-types";
export type { AwsPeer, AwsPeerOptions, AwsPeerSandboxControl, SandboxObjectView, SandboxRoleInput } from "./aws-peer-types";
export { seedCdpAccount } from "./aws-seed";
export type { SeededAwsAccount } from "./aws-seed";
export { signRequest } from "./sigv4-signer";
export type { SignRequestInput } from "./sigv4-signer";
