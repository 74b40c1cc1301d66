"""Given names, by the gender a salutation needs ("Dear Mr Voss", "Estimada Sra. López", "Sehr geehrte Frau
Nentwig"): a title is used only when the first name makes it plain.  Names common to both lists are in neither."""

from __future__ import annotations

# Common first names whose gender is plain.
FEMALE_NAMES = set("""anna anne annette andrea angela angelika anja antje barbara beate bettina birgit brigitte carla
carmen carolina caroline catherine cecile chantal charlotte christa christiane christina christine claire
claudia cristina dagmar daniela diana dolores doris dorothea edith elena elisabeth elise elke ellen elsa emilia
emma eva francoise franziska gabriele gisela hanna hannah heike helene helga ilse ines inge ingrid irene iris isabel
isabelle jacqueline jana jeanne johanna josefina josephine judith julia juliane julie karin katharina kathrin
katrin kerstin laura lea lena lucia lucie luisa lydia magdalena manuela margarete margit maria marie marina marion
marta martha martina mercedes monika monique nadine natalie nathalie nicole patricia paula petra pilar raquel regina
renate rita rosa rosario ruth sabine sandra sara sarah silke silvia simone sofia sophie stefanie stephanie susanne
sylvie teresa ulrike ursula valerie veronika veronique virginie yvonne alejandra ana beatriz blanca camila
catalina concepcion consuelo elisa esperanza estela eugenia fernanda gloria graciela guadalupe ines irene josefa
juana julieta lorena lourdes luz marcela margarita maribel marisol mariana milagros montserrat nuria olga paloma
rocio rosana soledad susana valentina veronica ximena yolanda agnes amelie aurelie brigitte celine colette delphine
dominique elodie emilie estelle florence genevieve helene josiane laurence lucille madeleine manon marguerite
martine mathilde mireille nadia odile pascale sandrine severine solange suzanne therese helen margaret elizabeth
mary jennifer linda susan jessica karen nancy betty dorothy lisa kimberly donna carol michelle emily amanda melissa
deborah rebecca sharon cynthia kathleen amy shirley angela anna brenda pamela nicole katherine samantha christine
rachel janet harriet ruth tasha""".split())
MALE_NAMES = set("""alexander andreas anton axel bernd bernhard christian christoph daniel david dieter dirk elias erich
ernst felix florian frank franz friedrich georg gerhard gregor gunter gunther hans harald heinz helmut herbert
holger horst jakob jan jens joachim johann johannes jonas jorg josef jurgen karl klaus konrad lars lukas manfred
marcel markus martin matthias maximilian michael niklas norbert oliver otto patrick paul peter philipp rainer ralf
reinhard robert rolf rudolf sebastian simon stefan stephan sven thomas thorsten tobias torsten udo ulrich uwe volker
walter werner wilhelm wolfgang adrian agustin alberto alejandro alfonso alfredo alvaro andres angel antonio arturo
carlos cesar cristian diego eduardo emilio enrique ernesto esteban federico felipe fernando francisco gabriel
gerardo gonzalo guillermo gustavo hector hugo ignacio jaime javier jesus joaquin jorge jose juan julian julio
leonardo lorenzo luis manuel marcos mario mateo miguel nicolas oscar pablo pedro rafael ramon raul ricardo roberto
rodrigo ruben salvador santiago sergio tomas vicente xavier alain andre antoine arnaud benoit bernard bruno claude
didier emmanuel eric etienne fabrice francois frederic gerard gilles guillaume henri herve jacques jean jerome
julien laurent louis luc marc mathieu maurice nicolas olivier pascal philippe pierre remi rene sebastien serge
stephane sylvain thierry vincent yves james john robert michael william richard joseph charles christopher matthew
anthony mark donald steven kenneth joshua kevin brian george edward ronald timothy jason jeffrey ryan jacob gary
nicholas eric jonathan stephen larry justin scott brandon benjamin samuel frank gregory raymond alexander patrick
jack dennis jerry tyler aaron henry douglas peter adam nathan zachary walter kyle harold carl arthur gerald roger
keith jeremy terry lawrence sean christian albert joe ethan austin jesse willie billy bryan bruce jordan ralph roy
noah dylan eugene wayne alan juan louis russell gabriel randy philip harry vincent bobby johnny logan
ben marcus tom dan edmund kevin derek""".split())

# More given names common among English-, Spanish-, German- and French-speaking customers: a formal letter greets
# by title and surname only when the first name makes the title plain.
FEMALE_NAMES |= set("""abigail alice alison allison amber amelia andrea angie ann anita annie april ashley audrey ava
beatrice becky belinda bernadette beth bethany beverly bonnie brenda bridget brittany candice carly carol carole
caroline carolyn cassandra cathy charlene cheryl chloe christina cindy claire colleen connie courtney crystal cynthia
daisy dana danielle darlene dawn debbie deborah debra denise diane dianne donna dorothy eileen eleanor elaine eliza
elizabeth ella ellie emily erica erin esther ethel eve evelyn faith fiona florence frances gail gemma georgia
geraldine gillian gina glenda gloria grace gwen harriet hazel heather helen holly imogen irene isabella isla jackie
jacqueline jane janet janice jasmine jean jeanette jennifer jenny jessica jill joan joanna joanne jocelyn josephine
joy joyce judith judy julia julie june karen kate katherine kathleen kathryn kathy katie kayla kelly kim kimberly
kirsten kristen laura lauren leah leslie lillian lily linda lindsay lisa lois loretta lorraine louise lucy lydia
lynn lynne mabel madeline madison maggie mandy margaret margo marian marianne marie marilyn marion marjorie martha
mary maureen megan melanie melissa meredith michelle mildred miranda molly monica nancy naomi natalie nicola nicole
nora norma olivia paige pamela patricia paula pauline peggy penelope penny phoebe phyllis priscilla rachel rebecca
regina renee rhonda rita roberta robin rosa rosalind rose rosemary ruby ruth sally samantha sandra sarah sharon
sheila shirley sophia sophie stacey stephanie sue susan suzanne sylvia tamara tammy tanya tara tasha teresa theresa
tiffany tina tracy valerie vanessa vera veronica victoria violet virginia vivian wanda wendy whitney yvonne zoe
adriana agustina alba amparo araceli aurora begoña catalina concepcion consuelo eva florencia gloria graciela
guadalupe inmaculada irene josefina julieta lorena lourdes luciana lucia macarena marisol mercedes milagros montserrat
nerea nuria paloma pilar raquel remedios rocio rosario silvia soledad teresa valentina veronica ximena yolanda
adelheid annika astrid carola cornelia elfriede erika friederike gerda gertrud hannelore heidrun hildegard irmgard
jutta karin katharina kerstin liselotte lotte margarete margit marlene mechthild petra regina renate rosemarie
sabine sigrid silke susanne ulrike ursula ute waltraud wiebke
adele agathe amandine anais annick apolline berenice brigitte capucine celine clemence colette corinne delphine
dominique eloise emilie estelle eugenie fabienne genevieve ghislaine helene huguette isabelle jacqueline josiane
juliette laetitia laure lea leonie lucie madeleine manon margaux marine marion martine mathilde mireille monique
nathalie odile pascale sandrine severine simone solange sylvie therese valerie veronique yvette""".split())
MALE_NAMES |= set("""aaron adam adrian alan albert alfred allen andrew anthony arnold arthur austin barry ben benjamin
bernard bill billy bob bobby brad bradley brandon brian bruce bryan calvin carl carlos chad charles charlie chris
christopher clarence clifford clint colin craig curtis dale dan danny darren dave dean dennis derek derrick don
donald doug douglas duane dwight earl eddie edgar edward edwin eli elliot eric ernest eugene evan frederick gary
gavin gene geoffrey george gerald gilbert glen glenn gordon graham grant greg gregory harold harry harvey henry
herman howard hugh ian isaac ivan jack jacob jake james jamie jared jason jay jeff jeffrey jeremy jerome jerry jesse
jim jimmy joe joel john johnny jon jonathan jordan joseph joshua juan julian justin keith ken kenneth kevin kirk kyle
lance larry lawrence leon leonard leroy leslie lewis lloyd louis luke malcolm marc mark marshall marvin matt matthew
maurice max melvin micheal mike miles mitchell nathan nathaniel neil nicholas nick nigel noah norman oscar owen
perry phil philip phillip ralph randall randy ray raymond reginald richard rick ricky rob robert rodney roger ron
ronald ross roy russell ryan sam samuel scott sean seth shane shawn simon stanley stephen steve steven stuart ted
terry theodore thomas tim timothy todd tom tony travis trevor troy tyler vernon victor vincent wade walter warren
wayne wesley willard william willie zachary
agustin alberto alfonso alvaro andres angel antonio armando arturo bernardo cesar diego eduardo emilio enrique
esteban federico felipe fernando francisco gabriel gonzalo guillermo gustavo hector hernan hugo ignacio jaime javier
jesus joaquin jorge jose julio leonardo lorenzo lucas luis manuel marcos mario martin mateo mauricio miguel nicolas
pablo pedro rafael ramon raul ricardo roberto rodrigo ruben salvador santiago sergio tomas vicente xavier
achim albrecht arnd benedikt burkhard detlef eberhard eckhard egon ekkehard fritz gerd gottfried gunnar hartmut
heiko heinrich hermann hubert ingo jochen jost kai kurt lothar ludwig lutz malte mathias meinhard olaf reinhard
reinhold rolf rudiger rudolf siegfried sven thorsten till torsten ulrich uwe volker waldemar werner wilfried
wilhelm wolfgang
alain alexandre alphonse antoine aurelien baptiste bastien benoit bertrand christophe clement cyril damien denis
didier emile etienne fabien fabrice francois gaston gerard gilles guillaume guy herve jacques jean jerome julien
laurent lionel loic marcel mathieu maxime michel olivier pascal philippe pierre quentin regis remi renaud rene
romain sebastien serge stephane sylvain thibault thierry vincent yann yves""".split())
FEMALE_NAMES -= {"leslie", "dominique", "andrea", "rene", "renee", "jean", "robin", "dana"} & MALE_NAMES
MALE_NAMES -= {"leslie", "dominique", "andrea", "jean", "robin", "dana"}
# Swiss German, Scottish and Irish given names seen in customers' signatures
MALE_NAMES |= set("""beat urs reto ueli ruedi hansruedi mathis alistair alasdair hamish angus euan ewan ruaridh
lachlan fergus callum""".split())
FEMALE_NAMES |= set("""niamh siobhan aoife eilidh morag""".split())
