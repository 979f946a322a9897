package io.ludus.sim.content;

import java.util.List;

/** The content packs this engine build can simulate, looked up by version. Old packs stay here so old battles replay. */
public final class ContentPacks {
    private static final List<String> RESOURCES = List.of(ContentPack.BUNDLED_RESOURCE);

    private ContentPacks() {}

    private static final class Holder {
        static final List<ContentPack> ALL = RESOURCES.stream().map(ContentPack::load).toList();
    }

    /** The newest pack: the one new battles use. */
    public static ContentPack bundled() {
        return Holder.ALL.getLast();
    }

    public static List<ContentPack> all() {
        return Holder.ALL;
    }

    /** Throws {@link UnknownContentVersionException} if no known pack has this version. */
    public static ContentPack byVersion(String contentVersion) {
        for (ContentPack pack : Holder.ALL) {
            if (pack.version().equals(contentVersion)) {
                return pack;
            }
        }
        throw new UnknownContentVersionException(contentVersion);
    }
}
