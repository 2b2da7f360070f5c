package dev.kolide.fleet.service.osquery;

/**
 * Kolide Fleet's distributed query name prefixes: a read hands out {@code <prefix><suffix>} names, and the write
 * that answers is routed back by prefix.
 */
public final class QueryNames {
    /** {@code kolide_detail_query_<detail name>}: fills the host's inventory. */
    public static final String DETAIL = "kolide_detail_query_";
    /** {@code kolide_additional_query_<name>}: the app config's additional queries, stored on the host. */
    public static final String ADDITIONAL = "kolide_additional_query_";
    /** {@code kolide_label_query_<label id>}: any row makes the host a member. */
    public static final String LABEL = "kolide_label_query_";
    /** {@code kolide_distributed_query_<campaign id>}: live queries (see {@link LiveQuerySource}). */
    public static final String LIVE = "kolide_distributed_query_";

    private QueryNames() {}
}
