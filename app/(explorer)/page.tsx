import { HomeContent } from "@/components/trees/home-content";

/** `/`: the tree list and an invitation to start one; data is fetched in the browser. */
export default function HomePage() {
  return <HomeContent />;
}
