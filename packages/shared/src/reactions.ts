/** The fixed reaction set (Workplace/Viva Engage style). Keys are stable API values. */
export const REACTIONS = ['like', 'love', 'celebrate', 'insightful', 'support', 'laugh'] as const;
export type Reaction = (typeof REACTIONS)[number];
export const REACTION_EMOJI: Record<Reaction, string> = {
  like: '👍',
  love: '❤️',
  celebrate: '🎉',
  insightful: '💡',
  support: '🤝',
  laugh: '😄',
};
