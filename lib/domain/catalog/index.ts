export * from "./regions";
export * from "./shapes";
export * from "./fleet";
export * from "./models";
export * from "./kubernetes";
export * from "./operator";
export * from "./model-architectures";
