// What the admin needs to know about the Jamf Pro API client this app signs in with, in one place
// for the app's form, the Least privilege view and the CLI.

/** Jamf Pro API role privileges: read the CDP, update its credentials (and add a history note). */
export const JAMF_CDP_PRIVILEGES = ["Read Cloud Distribution Point", "Update Cloud Distribution Point"] as const;

/** Jamf's documentation of API roles and clients (how to make a role with only these privileges). */
export const JAMF_API_ROLES_AND_CLIENTS_DOC_URL = "https://learn.jamf.com/en-US/bundle/jamf-pro-documentation-current/page/API_Roles_and_Clients.html";
