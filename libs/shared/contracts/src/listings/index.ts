// Listings contracts: events, request-reply patterns and wire types.
export {};
