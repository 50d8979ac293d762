// Query keys of the invitations addressed to the signed-in person.
export const invitationKeys = {
  mine: () => ["me", "invitations"] as const,
};
