// Open-weight, Japanese-capable models offered for inference endpoints (domain.md).

export interface InferenceModel {
  id: string;
  displayName: string;
  publisherJa: string;
  publisherEn: string;
  parametersB: number;
  mixtureOfExperts: boolean;
  /** Minimum total GPU memory to serve it (bf16 unless `quantization` says otherwise). */
  minGpuMemoryGb: number;
  quantization: string | null;
  contextLength: number;
  license: string;
  /** Shapes that can serve it, smallest first. */
  shapeIds: string[];
  /** Tensor-parallel degree needed on the given shape, where more than one GPU is required. */
  tensorParallel?: Record<string, number>;
  /** Seconds to load weights onto a cold replica (shown for scale-to-zero). */
  coldStartSeconds: number;
}

const SMALL_AND_UP = ["l40s-1x", "h100-1x", "h100-8x", "h200-8x", "b200-8x", "gb200-tray"];
const H100_AND_UP = ["h100-1x", "h100-8x", "h200-8x", "b200-8x", "gb200-tray"];

export const MODELS: readonly InferenceModel[] = [
  { id: "sarashina2.2-3b-instruct", displayName: "Sarashina2.2 3B Instruct", publisherJa: "SB Intuitions", publisherEn: "SB Intuitions", parametersB: 3, mixtureOfExperts: false, minGpuMemoryGb: 8, quantization: null, contextLength: 8192, license: "MIT", shapeIds: SMALL_AND_UP, coldStartSeconds: 25 },
  { id: "llm-jp-3-13b-instruct", displayName: "LLM-jp-3 13B Instruct", publisherJa: "国立情報学研究所 大規模言語モデル研究開発センター", publisherEn: "NII LLM-jp", parametersB: 13, mixtureOfExperts: false, minGpuMemoryGb: 32, quantization: null, contextLength: 4096, license: "Apache-2.0", shapeIds: SMALL_AND_UP, coldStartSeconds: 45 },
  { id: "llama-3.1-swallow-8b-instruct", displayName: "Llama 3.1 Swallow 8B Instruct", publisherJa: "東京科学大学", publisherEn: "Institute of Science Tokyo", parametersB: 8, mixtureOfExperts: false, minGpuMemoryGb: 20, quantization: null, contextLength: 8192, license: "Llama 3.1 Community License / Gemma Terms of Use", shapeIds: SMALL_AND_UP, coldStartSeconds: 35 },
  { id: "llama-3.3-swallow-70b-instruct", displayName: "Llama 3.3 Swallow 70B Instruct", publisherJa: "東京科学大学", publisherEn: "Institute of Science Tokyo", parametersB: 70, mixtureOfExperts: false, minGpuMemoryGb: 150, quantization: null, contextLength: 8192, license: "Llama 3.3 Community License / Gemma Terms of Use", shapeIds: ["h100-8x", "h200-8x", "b200-8x"], tensorParallel: { "h100-8x": 2, "h200-8x": 2, "b200-8x": 1 }, coldStartSeconds: 150 },
  { id: "qwen3-32b", displayName: "Qwen3 32B", publisherJa: "Alibaba Qwen", publisherEn: "Alibaba Qwen", parametersB: 32, mixtureOfExperts: false, minGpuMemoryGb: 70, quantization: null, contextLength: 32768, license: "Apache-2.0", shapeIds: H100_AND_UP, coldStartSeconds: 80 },
  { id: "gpt-oss-120b", displayName: "gpt-oss-120b", publisherJa: "OpenAI", publisherEn: "OpenAI", parametersB: 117, mixtureOfExperts: true, minGpuMemoryGb: 80, quantization: "MXFP4", contextLength: 131072, license: "Apache-2.0", shapeIds: H100_AND_UP, coldStartSeconds: 120 },
];

export function findModel(id: string): InferenceModel | undefined {
  return MODELS.find((m) => m.id === id);
}

export function modelFitsShape(modelId: string, shapeId: string): boolean {
  return findModel(modelId)?.shapeIds.includes(shapeId) ?? false;
}
