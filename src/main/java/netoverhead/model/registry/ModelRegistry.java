package netoverhead.model.registry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import netoverhead.model.Model;
import netoverhead.model.Nio2Model;
import netoverhead.model.PollLoopsModel;
import netoverhead.model.PollModel;
import netoverhead.model.ThreadedModel;
import netoverhead.model.VirtualModel;
import netoverhead.model.ffm.FfmPollModel;
import netoverhead.model.ffm.FfmThreadedModel;
import netoverhead.model.nativeclient.NativePollModel;
import netoverhead.model.nativeclient.NativeThreadedModel;
import netoverhead.model.netty.NettyEpollModel;
import netoverhead.model.netty.NettyIoUringModel;
import netoverhead.model.netty.NettyNioModel;

/** Every model the tool knows, in the order tables show them. Adding a model is one line here. */
public final class ModelRegistry {
    private static final List<Model> MODELS = List.of(
            new ThreadedModel(),
            new PollModel(),
            new VirtualModel(),
            new Nio2Model(),
            new PollLoopsModel(),
            new NettyNioModel(),
            new NettyEpollModel(),
            new NettyIoUringModel(),
            new FfmThreadedModel(),
            new FfmPollModel(),
            new NativeThreadedModel(),
            new NativePollModel());

    private ModelRegistry() {}

    public static List<Model> all() {
        return MODELS;
    }

    public static Optional<Model> byName(String name) {
        return MODELS.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return MODELS.stream().map(Model::name).toList();
    }

    /** Parses a --models list: names separated by commas, or "all". Unknown names are an error. */
    public static List<Model> parse(List<String> names) {
        LinkedHashSet<Model> chosen = new LinkedHashSet<>();
        for (String raw : names) {
            String name = raw.trim();
            if (name.isEmpty()) continue;
            if (name.equals("all")) {
                chosen.addAll(MODELS);
                continue;
            }
            chosen.add(byName(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown model '" + name + "' (known: " + String.join(", ", names()) + ", all)")));
        }
        if (chosen.isEmpty()) throw new IllegalArgumentException("no model chosen");
        return new ArrayList<>(chosen);
    }
}
