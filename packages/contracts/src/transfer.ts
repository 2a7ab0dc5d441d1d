// Placeholder: this module's API contract, filled in before it lands.
export {};
