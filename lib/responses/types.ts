/** Responses API types, re-exported from the openai SDK so the whole app speaks one vocabulary. */
export type {
  Response,
  ResponseStatus,
  ResponseStreamEvent,
  ResponseOutputItem,
  ResponseOutputMessage,
  ResponseOutputText,
  ResponseOutputRefusal,
  ResponseInputItem,
  ResponseInputContent,
  ResponseItem,
  ResponseUsage,
  ResponseCreateParams,
  ResponseCreateParamsStreaming,
  ResponseCreateParamsNonStreaming,
  ResponseFunctionToolCall,
  ResponseReasoningItem,
  Tool,
} from "openai/resources/responses/responses";

/** An input item as Arbor stores it: the SDK's input item union, kept as plain JSON. */
export type { ResponseInputItem as InputItem } from "openai/resources/responses/responses";
