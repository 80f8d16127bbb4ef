/** Documented input limits (docs/api.md). Server validates with them; clients use them for counters. */
export const LIMITS = {
  postBody: 20_000,
  commentBody: 5_000,
  spaceName: 80,
  spaceDescription: 2_000,
  userName: 100,
  about: 2_000,
  pageSize: 50,
  defaultPageSize: 20,
  hashtag: 64,
  passwordMin: 10,
  passwordMax: 256,
  bodyBytes: 1_048_576,
  imageBytes: 10_485_760,
  imagesPerPost: 10,
  messageBody: 10_000,
  conversationName: 80,
  /** Participants of a group conversation, including the starter. */
  groupMembers: 250,
  messagePage: 100,
  defaultMessagePage: 50,
  /** Unread counts stop counting here; clients show "99+". */
  unreadCap: 100,
  presenceText: 100,
  questionTitle: 200,
  pageTitle: 200,
  pageBody: 200_000,
} as const;
