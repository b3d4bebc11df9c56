export const REQUESTS_TABLE = 'math-requests';
