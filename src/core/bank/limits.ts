// Size limits per file, shared by the parsers and the deck reader (which checks them before reading).
export const MAX_QUESTION_BYTES = 256 * 1024;
export const MAX_GLOSSARY_BYTES = 1024 * 1024;
