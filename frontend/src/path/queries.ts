/** Query keys of the path (the live event map refetches them when the stage changes). */
export const pathKeys = {
  all: (spaceId: string) => ["path", spaceId] as const,
};
